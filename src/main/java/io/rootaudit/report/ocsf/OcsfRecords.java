package io.rootaudit.report.ocsf;

import io.rootaudit.aws.AwsPartition;
import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Control;
import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import io.rootaudit.report.ocsf.ComplianceFinding.Cloud;
import io.rootaudit.report.ocsf.ComplianceFinding.Compliance;
import io.rootaudit.report.ocsf.ComplianceFinding.FindingInfo;
import io.rootaudit.report.ocsf.ComplianceFinding.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a run's {@link EvidenceReport} to OCSF Compliance Findings, account by account, each applicable account rule in
 * catalog order: a pass for every rule without a finding in an audited account (positive evidence), a fail per open
 * finding, a suppressed fail per finding covered by an exception, an unknown per rule for an account in ERROR. SKIPPED
 * and NOT_APPLICABLE accounts were not assessed on purpose and give no record (results.json says why); organization
 * findings concern no account's root and are left to results.json.
 */
final class OcsfRecords {

    static final String OCSF_VERSION = "1.6.0";

    private final RuleCatalog catalog;
    private final ControlMappings controls;
    private final JsonMapper json;

    OcsfRecords(RuleCatalog catalog, ControlMappings controls, JsonMapper json) {
        this.catalog = catalog;
        this.controls = controls;
        this.json = json;
    }

    /** Hands every record of {@code report} to {@code out}, one at a time, so that a large organization streams. */
    void forEach(EvidenceReport report, Consumer<ComplianceFinding> out) {
        OcsfContext context = OcsfContext.of(report, json);
        for (AccountRow account : report.accounts()) {
            if (account.status() == null || !account.status().isAssessed()) {
                continue;
            }
            AccountKind kind = account.accountId().equals(report.run().managementAccountId()) ? AccountKind.MANAGEMENT
                    : AccountKind.MEMBER;
            List<FindingRow> left = new ArrayList<>(account.findings());
            for (AccountRule rule : catalog.accountRules()) {
                if (!rule.accountKinds().contains(kind)) {
                    continue;
                }
                RuleMetadata meta = rule.metadata();
                List<FindingRow> ofRule = left.stream().filter(f -> f.ruleId().equals(meta.id())).toList();
                left.removeAll(ofRule);
                if (account.status() == AccountStatus.ERROR) {
                    out.accept(context.record(account, Verdict.UNKNOWN, rule(meta), null, compliance(meta.id(), Verdict.UNKNOWN,
                            account.error() == null ? null : account.error().code(),
                            account.error() == null ? account.statusReason() : account.error().message(), meta)));
                } else if (ofRule.isEmpty()) {
                    out.accept(context.record(account, Verdict.PASS, rule(meta), null,
                            compliance(meta.id(), Verdict.PASS, null, null, meta)));
                } else {
                    ofRule.forEach(f -> out.accept(finding(context, account, f)));
                }
            }
            // findings of a rule no longer in the catalog (a stored run rendered again) still count
            left.forEach(f -> out.accept(finding(context, account, f)));
        }
    }

    private ComplianceFinding finding(OcsfContext context, AccountRow account, FindingRow f) {
        Verdict verdict = f.excepted() ? Verdict.SUPPRESSED : Verdict.FAIL;
        RuleMetadata meta = catalog.find(f.ruleId()).orElse(null);
        return context.record(account, verdict, new RuleView(f.ruleId(), f.title(), f.severity(), f.remediation()), f,
                compliance(f.ruleId(), verdict, null, f.detail(), meta));
    }

    private static RuleView rule(RuleMetadata meta) {
        return new RuleView(meta.id(), meta.title(), meta.severity(), meta.remediation());
    }

    /** The frameworks and controls of the mapping files that the rule gives evidence for, with this verdict. */
    private Compliance compliance(String ruleId, Verdict verdict, String statusCode, String statusDetail, RuleMetadata meta) {
        List<Control> mapped = controls.controlsOf(ruleId);
        List<String> standards = mapped.stream().map(c -> c.framework().title()).distinct().toList();
        List<ComplianceFinding.Check> checks = mapped.stream().map(c -> new ComplianceFinding.Check(c.id(), c.title(),
                List.of(c.framework().title()), verdict.complianceId, verdict.complianceName)).toList();
        return new Compliance(ruleId, standards, mapped.stream().map(Control::label).toList(), checks,
                verdict.complianceId, verdict.complianceName, statusCode, statusDetail,
                meta == null ? null : meta.rationale());
    }

    /** What a record says of a rule, from its metadata or, for a finding, from the report's row. */
    record RuleView(String id, String title, Severity severity, String remediation) {}

    /** The four kinds of record, with their OCSF compliance status and finding (workflow) status. */
    enum Verdict {
        PASS(1, "Pass", 4, "Resolved"),
        FAIL(3, "Fail", 1, "New"),
        SUPPRESSED(3, "Fail", 3, "Suppressed"),
        UNKNOWN(0, "Unknown", 1, "New");

        final int complianceId;
        final String complianceName;
        final int workflowId;
        final String workflowName;

        Verdict(int complianceId, String complianceName, int workflowId, String workflowName) {
            this.complianceId = complianceId;
            this.complianceName = complianceName;
            this.workflowId = workflowId;
            this.workflowName = workflowName;
        }
    }

    /** What every record of one report shares: organization, partition, region, product. */
    record OcsfContext(EvidenceReport report, String partition, String region) {

        static OcsfContext of(EvidenceReport report, JsonMapper json) {
            String region = null;
            try {
                var node = json.readTree(report.run().configJson()).path("aws").path("region");
                region = node.isString() ? node.asString() : null;
            } catch (RuntimeException e) {
                // a stored configuration that cannot be read leaves the region out, which OCSF allows
            }
            return new OcsfContext(report, AwsPartition.idOfArn(report.run().callerArn()), region);
        }

        ComplianceFinding record(AccountRow account, Verdict verdict, RuleView rule, FindingRow finding,
                                 Compliance compliance) {
            EvidenceReport.RunInfo run = report.run();
            String resource = finding == null ? null : finding.resource();
            String detail = message(account, verdict, rule, finding);
            Instant time = Objects.requireNonNullElse(account.auditedAt(),
                    Objects.requireNonNullElse(run.endedAt(), run.generatedAt()));
            OcsfSeverity severity = verdict == Verdict.PASS ? OcsfSeverity.INFORMATIONAL : OcsfSeverity.of(rule.severity());
            return new ComplianceFinding(1, "Create", 2, "Findings", 2003, "Compliance Finding", 200301,
                    "Compliance Finding: Create", severity.id, severity.caption, verdict.workflowId, verdict.workflowName,
                    time.toEpochMilli(), detail,
                    new ComplianceFinding.Metadata(OCSF_VERSION,
                            new ComplianceFinding.Product("rootaudit", "rootaudit", run.toolVersion()), List.of("cloud"),
                            run.organizationId()),
                    new FindingInfo(FindingUid.of(run.organizationId(), account.accountId(), rule.id(), resource),
                            rule.title(), detail, new ComplianceFinding.Analytic(rule.id(), rule.title(), 1, "Rule")),
                    compliance,
                    new Cloud("AWS", new ComplianceFinding.Account(account.accountId(), account.name(), 10, "AWS Account",
                            null), new ComplianceFinding.Org(run.organizationId(), account.ouPath()), region, partition),
                    List.of(new Resource(AwsPartition.rootUserArn(partition, account.accountId()), "root",
                            "AWS IAM root user", partition, 1, "Target")),
                    rule.remediation() == null ? null : new ComplianceFinding.Remediation(rule.remediation()),
                    verdict == Verdict.SUPPRESSED ? exceptionComment(account, finding) : null,
                    unmapped(account, finding));
        }

        private static String message(AccountRow account, Verdict verdict, RuleView rule, FindingRow finding) {
            return switch (verdict) {
                case PASS -> "Not found in account " + account.accountId() + ": " + rule.title();
                case FAIL -> finding.detail();
                case SUPPRESSED -> finding.detail() + " (covered by exception " + finding.exceptionReference() + ")";
                case UNKNOWN -> "Account " + account.accountId() + " could not be audited"
                        + (account.error() == null ? "" : ": " + account.error().code() + ": " + account.error().message());
            };
        }

        /** The exception's ticket, with its reason, approver and expiry when the register of the run has it. */
        private String exceptionComment(AccountRow account, FindingRow finding) {
            String ticket = finding.exceptionReference();
            return report.exceptions().stream()
                    .filter(e -> ticket.equals(e.ticket()) && account.accountId().equals(e.accountId()))
                    .findFirst()
                    .map(e -> "Covered by exception " + ticket + ": " + e.reason() + " (approved by " + e.approver()
                            + ", expires " + e.expires() + ")")
                    .orElse("Covered by exception " + ticket);
        }

        private Map<String, Object> unmapped(AccountRow account, FindingRow finding) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("run_id", report.run().runId());
            values.put("period", report.run().period());
            values.put("account_status", account.status().name());
            if (account.owner() != null) {
                values.put("owner", account.owner()); // OCSF 1.6.0 has no owner string: resource_details.owner is a user
            }
            if (finding != null && finding.resource() != null) {
                values.put("finding_resource", finding.resource());
            }
            if (finding != null && finding.excepted()) {
                values.put("exception_reference", finding.exceptionReference());
            }
            return values;
        }
    }
}

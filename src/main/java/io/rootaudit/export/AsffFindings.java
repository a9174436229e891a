package io.rootaudit.export;

import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

/**
 * A run's evidence report as ASFF findings: one per account and rule evaluated, and one per organization rule, each
 * with an {@code Id} that depends only on the organization, the account and the rule
 * ({@code rootaudit/<organization>/<account>/<rule>}, {@code rootaudit/<organization>/organization/<rule>}), so that
 * the next run updates the finding instead of adding one.
 * <ul>
 * <li>FAILED when the rule has open findings on the account (their details, one per resource, in the description);
 * FAILED with {@code Workflow.Status} SUPPRESSED when every finding of the rule is covered by an exception, whose
 * ticket is in {@code ProductFields} ("rootaudit/exception"; Security Hub keeps Workflow and Note as the customer set
 * them once the finding exists, ProductFields it updates);</li>
 * <li>PASSED, severity INFORMATIONAL (as Security Hub's own controls report a pass) and {@code RecordState} ARCHIVED,
 * when the rule has no finding: a passing root is nothing to act on, and archiving every pass, not only a pass that
 * follows a failure, keeps a finding's state the same from one month to the next. A finding resolved since the
 * previous run is such a pass, marked "rootaudit/change" RESOLVED;</li>
 * <li>NOT_AVAILABLE for each rule of an account that could not be audited, with the error.</li>
 * </ul>
 * Accounts not assessed on purpose (skipped, or the management account when it is not read) get no finding. Texts
 * that came from AWS (account names, error messages) are field values only, cut to ASFF's lengths.
 */
final class AsffFindings {

    static final String SCHEMA_VERSION = "2018-10-08";
    static final String TYPE = "Software and Configuration Checks/Industry and Regulatory Standards";
    static final String RESOURCE_TYPE_ACCOUNT = "AwsAccount";
    static final String RESOURCE_TYPE_OTHER = "Other";
    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 1024;
    private static final int MAX_RECOMMENDATION = 512;
    private static final int MAX_FIELD = 2048;
    private static final int MAX_REQUIREMENTS = 32;
    /** RFC 3339 in UTC with milliseconds, always three digits: ASFF's format, and one that sorts as it reads. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AsffFindings() {}

    /**
     * @param createdAt when rootaudit first audited the organization: the same at every export, so findings keep it
     * @param updatedAt when this export happens: later at every export, as Security Hub requires of an update
     */
    static List<AwsSecurityFinding> of(EvidenceReport report, ExportTarget target, RuleBook rules, Instant createdAt,
                                       Instant updatedAt) {
        Context context = new Context(report, target, createdAt, updatedAt, changes(report));
        List<AwsSecurityFinding> findings = new ArrayList<>();
        for (AccountRow account : report.accounts()) {
            AccountKind kind = account.accountId().equals(report.run().managementAccountId())
                    ? AccountKind.MANAGEMENT : AccountKind.MEMBER;
            for (RuleBook.Rule rule : assessed(account.status()) ? rules.accountRules(kind) : List.<RuleBook.Rule>of()) {
                findings.add(accountFinding(context, account, rule));
            }
        }
        for (RuleBook.Rule rule : rules.organizationRules()) {
            findings.add(organizationFinding(context, rule));
        }
        return findings;
    }

    /** An account whose root was read (or should have been, but could not be): it has a verdict per rule. */
    private static boolean assessed(AccountStatus status) {
        return status == AccountStatus.COMPLIANT || status == AccountStatus.NON_COMPLIANT
                || status == AccountStatus.EXCEPTED || status == AccountStatus.ERROR;
    }

    static String findingId(String organizationId, String accountId, String ruleId) {
        return "rootaudit/" + organizationId + "/" + accountId + "/" + ruleId;
    }

    private static AwsSecurityFinding accountFinding(Context c, AccountRow account, RuleBook.Rule rule) {
        Map<String, String> fields = c.fields();
        fields.put("rootaudit/accountId", account.accountId());
        put(fields, "rootaudit/accountName", account.name());
        fields.put("rootaudit/accountStatus", account.status().name());
        put(fields, "rootaudit/owner", account.owner()); // for routing (automation rules); UserDefinedFields would stay as first imported
        put(fields, "rootaudit/change", c.changes().get(key(account.accountId(), rule.id())));
        Verdict verdict;
        if (account.status() == AccountStatus.ERROR) {
            String error = account.error() == null ? account.statusReason()
                    : account.error().code() + ": " + account.error().message();
            put(fields, "rootaudit/error", error);
            verdict = new Verdict(ComplianceStatus.NOT_AVAILABLE, rule.metadata().severity(), WorkflowStatus.NEW,
                    "The root user of account " + account.accountId() + " could not be audited: " + error);
        } else {
            List<FindingRow> rows = account.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
            verdict = verdict(rows, fields);
        }
        return finding(c, findingId(c.report().run().organizationId(), account.accountId(), rule.id()), rule, verdict,
                fields, RESOURCE_TYPE_ACCOUNT, c.target().rootArn(account.accountId()));
    }

    private static AwsSecurityFinding organizationFinding(Context c, RuleBook.Rule rule) {
        EvidenceReport.RunInfo run = c.report().run();
        Map<String, String> fields = c.fields();
        List<FindingRow> rows = c.report().organization().findings().stream().filter(f -> f.ruleId().equals(rule.id()))
                .toList();
        return finding(c, findingId(run.organizationId(), "organization", rule.id()), rule, verdict(rows, fields), fields,
                RESOURCE_TYPE_OTHER, c.target().organizationArn(run.managementAccountId(), run.organizationId()));
    }

    /** FAILED with the open findings' details, FAILED and suppressed when all are excepted, else PASSED. */
    private static Verdict verdict(List<FindingRow> rows, Map<String, String> fields) {
        if (rows.isEmpty()) {
            return new Verdict(ComplianceStatus.PASSED, Severity.INFORMATIONAL, WorkflowStatus.RESOLVED, null);
        }
        List<FindingRow> open = rows.stream().filter(f -> !f.excepted()).toList();
        List<String> exceptions = rows.stream().map(FindingRow::exceptionReference).filter(Objects::nonNull).distinct().toList();
        put(fields, "rootaudit/exception", exceptions.isEmpty() ? null : String.join(", ", exceptions));
        put(fields, "rootaudit/resources", String.join(", ", rows.stream().map(FindingRow::resource)
                .filter(Objects::nonNull).distinct().toList()));
        String details = rows.stream().map(f -> f.detail() + (f.excepted() ? " (excepted: " + f.exceptionReference() + ")" : ""))
                .collect(Collectors.joining("; "));
        return new Verdict(ComplianceStatus.FAILED, rows.get(0).severity(),
                open.isEmpty() ? WorkflowStatus.SUPPRESSED : WorkflowStatus.NEW, details);
    }

    private record Verdict(ComplianceStatus status, Severity severity, WorkflowStatus workflow, String details) {}

    private static AwsSecurityFinding finding(Context c, String id, RuleBook.Rule rule, Verdict verdict,
                                              Map<String, String> fields, String resourceType, String resourceId) {
        SeverityLabel label = SeverityLabel.fromValue(verdict.severity().name());
        String description = verdict.details() == null ? rule.metadata().rationale()
                : verdict.details() + ". " + rule.metadata().rationale();
        return AwsSecurityFinding.builder()
                .schemaVersion(SCHEMA_VERSION)
                .id(id)
                .productArn(c.target().productArn())
                .generatorId(rule.id())
                .awsAccountId(c.target().accountId())
                .types(TYPE)
                .createdAt(TIMESTAMP.format(c.createdAt()))
                .updatedAt(TIMESTAMP.format(c.updatedAt()))
                .severity(s -> s.label(label).original(rule.metadata().severity().name()))
                .findingProviderFields(p -> p.severity(s -> s.label(label).original(rule.metadata().severity().name()))
                        .types(TYPE))
                .title(clip(rule.metadata().title(), MAX_TITLE))
                .description(clip(description, MAX_DESCRIPTION))
                .remediation(r -> r.recommendation(t -> t.text(clip(rule.metadata().remediation(), MAX_RECOMMENDATION))))
                .productFields(fields)
                .resources(r -> r.type(resourceType).id(resourceId).partition(c.target().partition())
                        .region(c.target().region()))
                .compliance(k -> k.status(verdict.status()).relatedRequirements(
                        rule.controls().subList(0, Math.min(MAX_REQUIREMENTS, rule.controls().size()))))
                .workflow(w -> w.status(verdict.workflow()))
                .recordState(verdict.status() == ComplianceStatus.PASSED ? RecordState.ARCHIVED : RecordState.ACTIVE)
                .build();
    }

    /** Account and rule of every finding the trend names, to its change (NEW, STILL_OPEN or RESOLVED). */
    private static Map<String, String> changes(EvidenceReport report) {
        Map<String, String> changes = new HashMap<>();
        if (report.trend() != null) {
            for (EvidenceReport.FindingChange change : report.trend().changes()) {
                // a rule open on one resource and resolved on another is still open
                changes.merge(key(change.accountId(), change.ruleId()), change.change().name(),
                        (a, b) -> a.equals("RESOLVED") ? b : a);
            }
        }
        return changes;
    }

    private static String key(String accountId, String ruleId) {
        return accountId + '\u0000' + ruleId;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, clip(value, MAX_FIELD));
        }
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private record Context(EvidenceReport report, ExportTarget target, Instant createdAt, Instant updatedAt,
                           Map<String, String> changes) {

        /** The fields every finding of the run carries. */
        Map<String, String> fields() {
            EvidenceReport.RunInfo run = report.run();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("ProviderName", "rootaudit");
            put(fields, "ProviderVersion", run.toolVersion());
            fields.put("rootaudit/organizationId", run.organizationId());
            fields.put("rootaudit/runId", run.runId());
            fields.put("rootaudit/period", run.period());
            return fields;
        }
    }
}

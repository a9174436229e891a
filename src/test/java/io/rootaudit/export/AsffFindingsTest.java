package io.rootaudit.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.audit.AuditError;
import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.rules.BuiltInRules;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.Change;
import io.rootaudit.report.EvidenceReport.FindingChange;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

/** The evidence report as ASFF: one finding per account and rule, the verdict, ids that stay, AWS's field limits. */
class AsffFindingsTest {

    static final String ORG = "o-abc123";
    static final String MANAGEMENT = "111111111111";
    static final Instant CREATED = Instant.parse("2026-10-01T02:00:00Z");
    static final Instant UPDATED = Instant.parse("2026-11-01T02:30:00Z");
    static final ExportTarget TARGET = ExportTarget.of("arn:aws:sts::999999999999:assumed-role/rootaudit/cron", "eu-west-1");
    static final RuleBook RULES = RuleBook.of(BuiltInRules.catalog(), BuiltInRules.controls());

    @Test
    void oneFindingPerAccountAndRuleWithTheVerdictOfItsFindings() {
        Map<String, AwsSecurityFinding> byId = byId(AsffFindings.of(report(), TARGET, RULES, CREATED, UPDATED));
        int memberRules = RULES.accountRules(AccountKind.MEMBER).size();
        // four assessed accounts (compliant, non-compliant, excepted, error), the skipped and not applicable ones
        // left out, and the organization rules
        assertThat(byId).hasSize(4 * memberRules + RULES.organizationRules().size());
        assertThat(byId.keySet()).noneMatch(id -> id.contains("/666666666666/") || id.contains("/" + MANAGEMENT + "/"));

        AwsSecurityFinding open = byId.get("rootaudit/o-abc123/333333333333/root-password-present");
        assertThat(open.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(open.recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(open.workflow().status()).isEqualTo(WorkflowStatus.NEW);
        assertThat(open.severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(open.findingProviderFields().severity().label()).isEqualTo(SeverityLabel.HIGH);
        assertThat(open.generatorId()).isEqualTo("root-password-present");
        assertThat(open.title()).isEqualTo(BuiltInRules.catalog().find("root-password-present").orElseThrow().title());
        assertThat(open.description()).startsWith("Root user has a password, created 2020-01-01");
        assertThat(open.remediation().recommendation().text()).isNotBlank();
        assertThat(open.compliance().relatedRequirements())
                .isEqualTo(BuiltInRules.controlLabels("root-password-present")).isNotEmpty();
        assertThat(open.productFields()).containsEntry("rootaudit/runId", "2026-11-1-abcdef")
                .containsEntry("rootaudit/period", "2026-11").containsEntry("rootaudit/change", "NEW")
                .containsEntry("rootaudit/accountName", "Payments <script>").containsEntry("rootaudit/accountStatus", "NON_COMPLIANT")
                .containsEntry("rootaudit/owner", "team-payments");
        assertThat(byId.get("rootaudit/o-abc123/444444444444/root-password-present").productFields())
                .containsEntry("rootaudit/owner", "no owner");
        // owner routing off for the run: no owner field
        assertThat(byId.get("rootaudit/o-abc123/222222222222/root-password-present").productFields())
                .doesNotContainKey("rootaudit/owner");

        // one key open, one excepted: the rule is open; both are named
        AwsSecurityFinding keys = byId.get("rootaudit/o-abc123/333333333333/root-access-key-active");
        assertThat(keys.workflow().status()).isEqualTo(WorkflowStatus.NEW);
        assertThat(keys.productFields()).containsEntry("rootaudit/resources", "AKIA0001, AKIA0002")
                .containsEntry("rootaudit/exception", "CHG-7");

        AwsSecurityFinding excepted = byId.get("rootaudit/o-abc123/444444444444/root-password-present");
        assertThat(excepted.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(excepted.workflow().status()).isEqualTo(WorkflowStatus.SUPPRESSED);
        assertThat(excepted.recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(excepted.productFields()).containsEntry("rootaudit/exception", "CHG-1");

        AwsSecurityFinding error = byId.get("rootaudit/o-abc123/555555555555/root-password-present");
        assertThat(error.compliance().status()).isEqualTo(ComplianceStatus.NOT_AVAILABLE);
        assertThat(error.recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(error.description()).contains("could not be audited: AccessDenied: explicit deny");
        assertThat(error.productFields()).containsEntry("rootaudit/error", "AccessDenied: explicit deny");

        AwsSecurityFinding orgFinding = byId.get("rootaudit/o-abc123/organization/org-root-sessions-disabled");
        assertThat(orgFinding.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(orgFinding.resources().get(0).type()).isEqualTo("Other");
        assertThat(orgFinding.resources().get(0).id()).isEqualTo("arn:aws:organizations::111111111111:organization/o-abc123");
        assertThat(byId.get("rootaudit/o-abc123/organization/org-root-credentials-management-disabled").compliance().status())
                .isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void aPassIsArchivedAndAResolvedFindingSaysSo() {
        Map<String, AwsSecurityFinding> byId = byId(AsffFindings.of(report(), TARGET, RULES, CREATED, UPDATED));
        AwsSecurityFinding resolved = byId.get("rootaudit/o-abc123/222222222222/root-signing-certificate-present");
        assertThat(resolved.compliance().status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(resolved.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(resolved.severity().label()).isEqualTo(SeverityLabel.INFORMATIONAL);
        assertThat(resolved.severity().original()).isEqualTo("MEDIUM");
        assertThat(resolved.productFields()).containsEntry("rootaudit/change", "RESOLVED");
        AwsSecurityFinding pass = byId.get("rootaudit/o-abc123/222222222222/root-password-present");
        assertThat(pass.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(pass.productFields()).doesNotContainKey("rootaudit/change");
    }

    @Test
    void everyFindingIsTheCallersAboutAMemberRootWithStableIdsAndTimes() {
        List<AwsSecurityFinding> findings = AsffFindings.of(report(), TARGET, RULES, CREATED, UPDATED);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.schemaVersion()).isEqualTo("2018-10-08");
            assertThat(f.awsAccountId()).isEqualTo("999999999999");
            assertThat(f.productArn()).isEqualTo("arn:aws:securityhub:eu-west-1:999999999999:product/999999999999/default");
            assertThat(f.createdAt()).isEqualTo("2026-10-01T02:00:00.000Z");
            assertThat(f.updatedAt()).isEqualTo("2026-11-01T02:30:00.000Z");
            assertThat(f.types()).containsExactly(AsffFindings.TYPE);
            assertThat(f.id()).isEqualTo("rootaudit/" + ORG + "/" + f.id().split("/")[2] + "/" + f.generatorId());
            assertThat(f.resources()).hasSize(1);
            assertThat(f.resources().get(0).partitionAsString()).isEqualTo("aws");
        });
        AwsSecurityFinding member = findings.get(0);
        assertThat(member.resources().get(0).type()).isEqualTo("AwsAccount");
        assertThat(member.resources().get(0).id()).isEqualTo("arn:aws:iam::222222222222:root");
        // the next month: the same ids, later UpdatedAt, CreatedAt kept
        List<AwsSecurityFinding> next = AsffFindings.of(report(), TARGET, RULES, CREATED, UPDATED.plusSeconds(86400 * 30));
        assertThat(next).extracting(AwsSecurityFinding::id).containsExactlyElementsOf(findings.stream().map(AwsSecurityFinding::id).toList());
        assertThat(next).extracting(AwsSecurityFinding::createdAt).containsOnly("2026-10-01T02:00:00.000Z");
    }

    @Test
    void theChinaPartitionAndLongUntrustedTextsStayWithinAsff() {
        ExportTarget china = ExportTarget.of("arn:aws-cn:iam::999999999999:user/auditor", "cn-north-1");
        assertThat(china.productArn()).isEqualTo("arn:aws-cn:securityhub:cn-north-1:999999999999:product/999999999999/default");
        String huge = "x".repeat(10_000);
        EvidenceReport r = report(huge);
        List<AwsSecurityFinding> findings = AsffFindings.of(r, china, RULES, CREATED, UPDATED);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.description().length()).isLessThanOrEqualTo(1024);
            assertThat(f.title().length()).isLessThanOrEqualTo(256);
            assertThat(f.remediation().recommendation().text().length()).isLessThanOrEqualTo(512);
            assertThat(f.productFields().values()).allMatch(v -> v.length() <= 2048);
            assertThat(f.resources().get(0).id()).startsWith("arn:aws-cn:");
            assertThat(SecurityHubImporter.bytes(f)).isLessThan(ImportBatches.MAX_FINDING_BYTES);
        });
    }

    private static Map<String, AwsSecurityFinding> byId(List<AwsSecurityFinding> findings) {
        return findings.stream().collect(Collectors.toMap(AwsSecurityFinding::id, Function.identity()));
    }

    static EvidenceReport report() {
        return report("Payments <script>");
    }

    static EvidenceReport report(String name) {
        List<AccountRow> accounts = List.of(
                account("222222222222", "Sandbox", AccountStatus.COMPLIANT, List.of(), null),
                account("333333333333", name, AccountStatus.NON_COMPLIANT, List.of(
                        finding("333333333333", "root-password-present", Severity.HIGH, "Root user has a password, created 2020-01-01", null, null),
                        finding("333333333333", "root-access-key-active", Severity.CRITICAL, "Active root access key AKIA0001", "AKIA0001", null),
                        finding("333333333333", "root-access-key-active", Severity.CRITICAL, "Active root access key AKIA0002", "AKIA0002", "CHG-7")),
                        null),
                account("444444444444", "Break glass", AccountStatus.EXCEPTED, List.of(
                        finding("444444444444", "root-password-present", Severity.HIGH, "Root user has a password", null, "CHG-1")), null),
                account("555555555555", "Locked", AccountStatus.ERROR, List.of(), new AuditError("AccessDenied", "explicit deny")),
                account("666666666666", "Suspended", AccountStatus.SKIPPED, List.of(), null),
                account(MANAGEMENT, "Management", AccountStatus.NOT_APPLICABLE, List.of(), null));
        EvidenceReport.RunInfo run = new EvidenceReport.RunInfo("2026-11-1-abcdef", "2026-11", 1, ORG, MANAGEMENT,
                "arn:aws:sts::999999999999:assumed-role/rootaudit/cron", "DELEGATED_ADMINISTRATOR", CREATED, UPDATED,
                "1.0.0", "{}", "0".repeat(64), UPDATED);
        EvidenceReport.OrganizationView org = new EvidenceReport.OrganizationView(List.of("RootCredentialsManagement"),
                List.of(), List.of(finding(null, "org-root-sessions-disabled", Severity.MEDIUM,
                "The organization's RootSessions feature is not enabled", null, null)));
        EvidenceReport.Trend trend = new EvidenceReport.Trend("2026-10-1-fedcba", "2026-10", CREATED, 0.5, 0.0, 1, 1, 0,
                List.of(new FindingChange("333333333333", name, "root-password-present", Severity.HIGH, Change.NEW, "d"),
                        new FindingChange("222222222222", "Sandbox", "root-signing-certificate-present", Severity.HIGH,
                                Change.RESOLVED, "d")));
        return new EvidenceReport(run, org, null, accounts, List.of(), trend, null, null, List.of());
    }

    private static AccountRow account(String id, String name, AccountStatus status, List<FindingRow> findings, AuditError error) {
        return new AccountRow(id, name, id + "@example.com", "Root/Workloads", "ACTIVE", CREATED, Map.of(),
                id.equals("333333333333") ? "team-payments" : id.equals("222222222222") ? null : "no owner", status, null,
                null, null, findings, findings.stream().map(FindingRow::exceptionReference).filter(java.util.Objects::nonNull).toList(),
                error, UPDATED);
    }

    private static FindingRow finding(String account, String rule, Severity severity, String detail, String resource,
                                      String exception) {
        return new FindingRow(account, null, rule, rule, severity, BuiltInRules.controlLabels(rule), detail, resource,
                exception, "remove it");
    }
}

package io.rootaudit.report.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.rules.BuiltInRules;
import io.rootaudit.devtools.benchmark.SyntheticEvidence;
import io.rootaudit.report.Digests;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * findings.ocsf.json from a hand-built report with one account of each status, the management account among them:
 * every record validates against the OCSF 1.6.0 schema derived from the OCSF sources, each status gives the records
 * docs/evidence-pack.md describes, and the schema rejects damaged records (so that the validation can fail).
 */
class OcsfFindingsWriterTest {

    private static final RuleCatalog CATALOG = BuiltInRules.catalog();
    private static final OcsfFindingsWriter WRITER = new OcsfFindingsWriter(CATALOG, BuiltInRules.controls(),
            JsonMapper.builder().build());
    private static final String COMPLIANT = "111111111111";
    private static final String NON_COMPLIANT = "222222222222";
    private static final String EXCEPTED = "333333333333";
    private static final String ERROR = "444444444444";
    private static final String SKIPPED = "555555555555";
    private static final String MANAGEMENT = "123456789012"; // SyntheticEvidence's management account
    private static final Instant AUDITED = Instant.parse("2026-11-27T06:03:00Z");

    @TempDir
    Path dir;

    @Test
    void everyRecordConformsToTheOcsf160ComplianceFindingSchema() throws IOException {
        List<JsonNode> records = write(report());
        assertThat(records).hasSizeGreaterThan(20);
        assertThat(OcsfSchema.violationsOfEveryRecord(dir.resolve(OcsfFindingsWriter.FILE))).isEmpty();
        records.forEach(r -> {
            assertThat(r.get("class_uid").asInt()).isEqualTo(2003);
            assertThat(r.get("type_uid").asLong()).isEqualTo(200301);
            assertThat(r.at("/metadata/version").asString()).isEqualTo("1.6.0");
            assertThat(r.at("/metadata/product/name").asString()).isEqualTo("rootaudit");
            assertThat(r.at("/metadata/product/version").asString()).isEqualTo("0.1.0");
            assertThat(r.at("/cloud/provider").asString()).isEqualTo("AWS");
            assertThat(r.at("/cloud/org/uid").asString()).isEqualTo("o-synthetic01");
        });
    }

    /** Synthetic evidence of a larger organization: hostile names, errors, exceptions, skipped accounts. */
    @Test
    void theFileIsAJsonArrayWithOneCompactFindingPerLine() throws IOException {
        List<JsonNode> records = write(report());
        List<String> lines = Files.readAllLines(dir.resolve(OcsfFindingsWriter.FILE), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("]");
        List<String> findings = lines.subList(1, lines.size() - 1);
        assertThat(findings).hasSameSizeAs(records);
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; i < findings.size(); i++) {
            String line = findings.get(i);
            String record = i < findings.size() - 1 ? line.substring(0, line.length() - 1) : line;
            assertThat(line).startsWith("{\"activity_id\":");
            assertThat(json.readTree(record)).isEqualTo(records.get(i));
        }
    }

    @Test
    void syntheticEvidenceConformsToo() throws IOException {
        List<JsonNode> records = write(SyntheticEvidence.of(60));
        assertThat(records).isNotEmpty();
        assertThat(OcsfSchema.violationsOfEveryRecord(dir.resolve(OcsfFindingsWriter.FILE))).isEmpty();
        assertThat(records).anySatisfy(r -> assertThat(r.at("/cloud/account/name").asString()).startsWith("<script>alert(1)</script>"));
    }

    @Test
    void aCompliantMemberPassesEveryMemberRuleAndTheManagementAccountItsOwnRules() throws IOException {
        List<JsonNode> records = write(report());
        assertPassesExactly(of(records, COMPLIANT), AccountKind.MEMBER);
        assertPassesExactly(of(records, MANAGEMENT), AccountKind.MANAGEMENT);
        assertThat(rules(AccountKind.MEMBER)).isNotEqualTo(rules(AccountKind.MANAGEMENT));
        JsonNode pass = of(records, COMPLIANT).get(0);
        assertThat(pass.get("severity_id").asInt()).isEqualTo(1);
        assertThat(pass.at("/resources/0/uid").asString()).isEqualTo("arn:aws:iam::" + COMPLIANT + ":root");
        assertThat(pass.at("/cloud/account/uid").asString()).isEqualTo(COMPLIANT);
        assertThat(pass.at("/cloud/account/type_id").asInt()).isEqualTo(10);
    }

    @Test
    void eachOpenFindingIsAFailAndItsRuleGetsNoPass() throws IOException {
        List<JsonNode> records = of(write(report()), NON_COMPLIANT);
        List<JsonNode> keys = ofRule(records, "root-access-key-active");
        assertThat(keys).hasSize(2).allSatisfy(r -> {
            assertThat(r.at("/compliance/status_id").asInt()).isEqualTo(3);
            assertThat(r.get("status_id").asInt()).isEqualTo(1);
            assertThat(r.get("severity_id").asInt()).isEqualTo(5);
            assertThat(r.at("/remediation/desc").asString()).isEqualTo(metadata("root-access-key-active").remediation());
        });
        assertThat(keys.stream().map(r -> r.at("/finding_info/uid").asString()).distinct()).hasSize(2);
        assertThat(keys.stream().map(r -> r.at("/unmapped/finding_resource").asString()))
                .containsExactly("AKIAFIRST", "AKIASECOND");
        assertThat(ofRule(records, "root-password-present")).singleElement()
                .satisfies(r -> assertThat(r.at("/compliance/status_id").asInt()).isEqualTo(3));
        // every other member rule passes
        assertThat(records.stream().filter(r -> r.at("/compliance/status_id").asInt() == 1).count())
                .isEqualTo(rules(AccountKind.MEMBER).size() - 2);
    }

    @Test
    void theFrameworksAndControlsAreThoseOfTheMappingFiles() throws IOException {
        JsonNode key = ofRule(of(write(report()), NON_COMPLIANT), "root-access-key-active").get(0);
        List<String> requirements = new ArrayList<>();
        key.at("/compliance/requirements").forEach(n -> requirements.add(n.asString()));
        assertThat(requirements).containsExactlyElementsOf(BuiltInRules.controlLabels("root-access-key-active"))
                .contains("Security Hub IAM.4", "CIS v7.0 2.4");
        List<String> standards = new ArrayList<>();
        key.at("/compliance/standards").forEach(n -> standards.add(n.asString()));
        assertThat(standards).contains("CIS AWS Foundations Benchmark v7.0.0");
        assertThat(key.at("/compliance/checks")).anySatisfy(c -> {
            assertThat(c.get("uid").asString()).isEqualTo("IAM.4");
            assertThat(c.get("status_id").asInt()).isEqualTo(3);
        });
        assertThat(key.at("/compliance/control").asString()).isEqualTo("root-access-key-active");
    }

    @Test
    void anExceptedFindingIsASuppressedFailCarryingItsTicket() throws IOException {
        JsonNode excepted = ofRule(of(write(report()), EXCEPTED), "root-signing-certificate-present").get(0);
        assertThat(excepted.at("/compliance/status_id").asInt()).isEqualTo(3);
        assertThat(excepted.get("status_id").asInt()).isEqualTo(3);
        assertThat(excepted.get("status").asString()).isEqualTo("Suppressed");
        assertThat(excepted.get("comment").asString()).startsWith("Covered by exception SEC-7: Legacy partner")
                .contains("approved by lead@example.com");
        assertThat(excepted.at("/unmapped/exception_reference").asString()).isEqualTo("SEC-7");
    }

    @Test
    void anAccountInErrorIsUnknownForEveryRuleWithTheAwsError() throws IOException {
        List<JsonNode> records = of(write(report()), ERROR);
        assertThat(records).hasSize(rules(AccountKind.MEMBER).size()).allSatisfy(r -> {
            assertThat(r.at("/compliance/status_id").asInt()).isEqualTo(0);
            assertThat(r.at("/compliance/status_code").asString()).isEqualTo("AccessDenied");
            assertThat(r.at("/compliance/status_detail").asString()).isEqualTo("explicit deny in a service control policy");
            assertThat(r.at("/unmapped/account_status").asString()).isEqualTo("ERROR");
        });
    }

    /** The account's owner (owner routing) goes to unmapped.owner: OCSF 1.6.0 has no owner string for a resource. */
    @Test
    void theOwnerOfAnAccountIsInEachOfItsRecords() throws IOException {
        List<JsonNode> records = write(report());
        assertThat(of(records, NON_COMPLIANT)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.at("/unmapped/owner").asString()).isEqualTo("team-payments"));
        assertThat(of(records, COMPLIANT)).allSatisfy(r -> assertThat(r.at("/unmapped").has("owner")).isFalse());
    }

    @Test
    void skippedAccountsGiveNoRecord() throws IOException {
        assertThat(of(write(report()), SKIPPED)).isEmpty();
    }

    /** The uid is SHA-256 of organization/account/rule[/resource], whatever the run, so a SIEM follows it. */
    @Test
    void theFindingUidIsStableAcrossRunsAndDocumented() throws IOException {
        List<JsonNode> first = write(report());
        EvidenceReport later = report();
        EvidenceReport.RunInfo r = later.run();
        later = new EvidenceReport(new EvidenceReport.RunInfo("2027-01-1-ffffff", "2027-01", 1, r.organizationId(),
                r.managementAccountId(), r.callerArn(), r.callerRole(), r.startedAt().plusSeconds(86_400 * 60),
                r.endedAt().plusSeconds(86_400 * 60), "0.2.0", r.configJson(), r.configDigest(), r.generatedAt()),
                later.organization(), later.summary(), later.accounts(), later.exceptions(), null, null, null, null);
        List<JsonNode> second = write(later);
        assertThat(uids(second)).containsExactlyElementsOf(uids(first)).doesNotHaveDuplicates();
        assertThat(ofRule(of(first, COMPLIANT), "root-password-present").get(0).at("/finding_info/uid").asString())
                .isEqualTo(Digests.sha256(("o-synthetic01/" + COMPLIANT + "/root-password-present").getBytes(StandardCharsets.UTF_8)));
        assertThat(ofRule(of(first, NON_COMPLIANT), "root-access-key-active").get(0).at("/finding_info/uid").asString())
                .isEqualTo(Digests.sha256(("o-synthetic01/" + NON_COMPLIANT + "/root-access-key-active/AKIAFIRST")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRootArnIsInThePartitionOfTheRunsCaller() throws IOException {
        EvidenceReport r = report();
        EvidenceReport.RunInfo run = r.run();
        EvidenceReport china = new EvidenceReport(new EvidenceReport.RunInfo(run.runId(), run.period(), 1,
                run.organizationId(), run.managementAccountId(), "arn:aws-cn:sts::123456789012:assumed-role/RootAudit/x",
                run.callerRole(), run.startedAt(), run.endedAt(), run.toolVersion(),
                "{\"aws\":{\"region\":\"cn-north-1\"}}", run.configDigest(), run.generatedAt()), r.organization(),
                r.summary(), r.accounts(), r.exceptions(), null, null, null, null);
        JsonNode record = of(write(china), COMPLIANT).get(0);
        assertThat(record.at("/resources/0/uid").asString()).isEqualTo("arn:aws-cn:iam::" + COMPLIANT + ":root");
        assertThat(record.at("/cloud/cloud_partition").asString()).isEqualTo("aws-cn");
        assertThat(record.at("/cloud/region").asString()).isEqualTo("cn-north-1");
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                damage("no finding_info.uid", r -> ((ObjectNode) r.get("finding_info")).remove("uid")),
                damage("another class", r -> r.put("class_uid", 2004)),
                damage("a compliance status OCSF does not define", r -> ((ObjectNode) r.get("compliance")).put("status_id", 7)),
                damage("an attribute the class does not have", r -> r.put("account_owner", "team")),
                damage("another OCSF version", r -> ((ObjectNode) r.get("metadata")).put("version", "1.5.0")),
                damage("no cloud, which the cloud profile requires", r -> r.remove("cloud")),
                damage("time as text", r -> r.put("time", "2026-11-27T06:03:00Z")),
                damage("a remediation without desc", r -> ((ObjectNode) r.get("remediation")).remove("desc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void theSchemaRejectsADamagedRecord(String name, Consumer<ObjectNode> damage) throws IOException {
        ObjectNode record = (ObjectNode) ofRule(of(write(report()), NON_COMPLIANT), "root-access-key-active").get(0);
        assertThat(OcsfSchema.violations(record)).isEmpty();
        damage.accept(record);
        assertThat(OcsfSchema.violations(record)).as(name).isNotEmpty();
    }

    private static Arguments damage(String name, Consumer<ObjectNode> damage) {
        return Arguments.of(name, damage);
    }

    // ---- the report and helpers

    private List<JsonNode> write(EvidenceReport report) throws IOException {
        Path file = dir.resolve(OcsfFindingsWriter.FILE);
        try (OutputStream out = Files.newOutputStream(file)) {
            WRITER.write(report, dir, out);
        }
        return OcsfSchema.records(file);
    }

    private static EvidenceReport report() {
        EvidenceReport base = SyntheticEvidence.of(0);
        RootCredentialInventory clean = RootCredentialInventory.credentialLess("arn:aws:iam::x:root", null);
        List<AccountRow> accounts = List.of(
                account(MANAGEMENT, AccountStatus.COMPLIANT, clean, List.of(), null),
                account(COMPLIANT, AccountStatus.COMPLIANT, clean, List.of(), null),
                account(NON_COMPLIANT, AccountStatus.NON_COMPLIANT, clean, List.of(
                        finding(NON_COMPLIANT, "root-access-key-active", "AKIAFIRST", null),
                        finding(NON_COMPLIANT, "root-access-key-active", "AKIASECOND", null),
                        finding(NON_COMPLIANT, "root-password-present", null, null)), null),
                account(EXCEPTED, AccountStatus.EXCEPTED, clean, List.of(
                        finding(EXCEPTED, "root-signing-certificate-present", "CERT1", "SEC-7")), null),
                account(ERROR, AccountStatus.ERROR, null, List.of(),
                        new AuditError("AccessDenied", "explicit deny in a service control policy")),
                account(SKIPPED, AccountStatus.SKIPPED, null, List.of(), null));
        List<EvidenceReport.ExceptionRow> exceptions = List.of(new EvidenceReport.ExceptionRow(EXCEPTED, "Excepted",
                List.of("root-signing-certificate-present"), "Legacy partner", "lead@example.com", "SEC-7",
                LocalDate.of(2027, 1, 31), "ACTIVE"));
        EvidenceReport.RunInfo r = base.run();
        EvidenceReport.RunInfo run = new EvidenceReport.RunInfo(r.runId(), r.period(), r.attempt(), r.organizationId(),
                r.managementAccountId(), r.callerArn(), r.callerRole(), r.startedAt(), r.endedAt(), r.toolVersion(),
                "{\"aws\":{\"region\":\"us-east-1\"}}", r.configDigest(), r.generatedAt());
        return new EvidenceReport(run, base.organization(), base.summary(), accounts, exceptions, null, null, null, null);
    }

    private static AccountRow account(String id, AccountStatus status, RootCredentialInventory inventory,
                                      List<FindingRow> findings, AuditError error) {
        return new AccountRow(id, "Account " + id, id + "@example.com", "Root/Workloads", "ACTIVE", null, Map.of(),
                id.equals(NON_COMPLIANT) ? "team-payments" : null, status,
                status == AccountStatus.SKIPPED ? "account is SUSPENDED" : null,
                findings.isEmpty() ? null : Severity.CRITICAL, inventory, findings,
                findings.stream().map(FindingRow::exceptionReference).filter(t -> t != null).toList(), error,
                status == AccountStatus.SKIPPED ? null : AUDITED);
    }

    private static FindingRow finding(String account, String ruleId, String resource, String exception) {
        RuleMetadata meta = metadata(ruleId);
        return new FindingRow(account, "Account " + account, ruleId, meta.title(), meta.severity(),
                BuiltInRules.controlLabels(ruleId), "Root has " + ruleId + (resource == null ? "" : " " + resource),
                resource, exception, meta.remediation());
    }

    private static RuleMetadata metadata(String ruleId) {
        return CATALOG.find(ruleId).orElseThrow();
    }

    private static List<String> rules(AccountKind kind) {
        return CATALOG.accountRules().stream().filter(r -> r.accountKinds().contains(kind)).map(AccountRule::metadata)
                .map(RuleMetadata::id).toList();
    }

    private static void assertPassesExactly(List<JsonNode> records, AccountKind kind) {
        assertThat(records).allSatisfy(r -> {
            assertThat(r.at("/compliance/status_id").asInt()).isEqualTo(1);
            assertThat(r.get("status_id").asInt()).isEqualTo(4);
        });
        assertThat(records.stream().map(r -> r.at("/compliance/control").asString()).toList())
                .containsExactlyElementsOf(rules(kind));
    }

    private static List<JsonNode> of(List<JsonNode> records, String accountId) {
        return records.stream().filter(r -> r.at("/cloud/account/uid").asString().equals(accountId)).toList();
    }

    private static List<JsonNode> ofRule(List<JsonNode> records, String ruleId) {
        return records.stream().filter(r -> r.at("/compliance/control").asString().equals(ruleId)).toList();
    }

    private static List<String> uids(List<JsonNode> records) {
        return records.stream().map(r -> r.at("/finding_info/uid").asString()).toList();
    }
}

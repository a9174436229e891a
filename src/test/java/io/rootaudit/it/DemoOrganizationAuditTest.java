package io.rootaudit.it;

import io.rootaudit.compliance.rules.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.devtools.emulator.DemoOrganization;
import io.rootaudit.devtools.emulator.Emulator;
import io.rootaudit.report.ResultsSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole audit of the demo organization (34 accounts, every rule and status) through the real CLI,
 * AWS SDK and HTTP, against the emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(EmulatorExtension.class)
class DemoOrganizationAuditTest {

    Path work;

    Emulator emulator;
    Invocation run;
    Map<String, String> status = new HashMap<>();

    @BeforeAll
    void auditDemoOrganization(Emulator fresh, @TempDir Path dir) throws Exception {
        work = dir;
        emulator = fresh;
        DemoOrganization demo = new DemoOrganization(Instant.now());
        emulator.createOrganization(demo.spec());
        emulator.addFault(demo.deniedFault());
        Path exceptions = Files.writeString(work.resolve("exceptions.yml"), demo.exceptionsYaml());
        run = Invocation.run(emulator, work, "audit", "--rootaudit.exceptions-file=" + exceptions,
                "--rootaudit.report.owner-tag-keys=owner");
        for (JsonNode a : run.results().get("accounts")) {
            status.put(a.get("accountId").asString(), a.get("status").asString());
        }
    }

    @Test
    void exitsWithFourBecauseOneAccountCouldNotBeAudited() {
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("ERROR           1").contains("Results: ");
    }

    @Test
    void everyAccountAppearsExactlyOnceInJsonAndCsv() {
        List<String> ids = new ArrayList<>();
        run.results().get("accounts").forEach(a -> ids.add(a.get("accountId").asString()));
        assertThat(ids).hasSize(34).doesNotHaveDuplicates();
        List<String> csv = run.csvLines();
        assertThat(csv).hasSize(35);
        assertThat(csv.subList(1, csv.size()).stream().map(l -> l.substring(0, 12)).toList())
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void statusesFollowTheSeededState() {
        assertThat(status.get(DemoOrganization.MANAGEMENT)).isEqualTo("NON_COMPLIANT");
        assertThat(status.get(DemoOrganization.SUSPENDED)).isEqualTo("SKIPPED");
        assertThat(run.account(DemoOrganization.SUSPENDED).get("statusReason").asString()).contains("SUSPENDED");
        assertThat(status.get(DemoOrganization.DENIED)).isEqualTo("ERROR");
        assertThat(status.get(DemoOrganization.EXCEPTED)).isEqualTo("EXCEPTED");
        assertThat(status.get("210000000001")).isEqualTo("COMPLIANT");
        assertThat(status.get("210000000016")).isEqualTo("NON_COMPLIANT");
        assertThat(status.values().stream().filter("COMPLIANT"::equals).count()).isEqualTo(21);
        JsonNode summary = run.results().get("summary");
        assertThat(summary.get("byStatus").get("NON_COMPLIANT").asInt()).isEqualTo(10);
        assertThat(summary.get("byStatus").get("NOT_APPLICABLE").asInt()).isZero();
        // (21 compliant + 1 excepted) / (21 + 10 + 1 + 1 error)
        assertThat(summary.get("complianceRate").asDouble()).isCloseTo(22.0 / 33.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void resultsConformToThePublishedSchema() {
        assertThat(ResultsSchema.violations(run.runFolder().resolve("results.json"))).isEmpty();
    }

    @Test
    void remediationIsOffByDefaultAndNoPrivilegedActionWasRecorded() {
        assertThat(run.results().get("remediation").isNull()).isTrue();
        assertThat(run.results().get("privilegedActions").isArray()).isTrue();
        assertThat(run.results().get("privilegedActions")).isEmpty();
    }

    @Test
    void deniedAccountCarriesTheAwsErrorAndIsNeverCompliant() {
        JsonNode denied = run.account(DemoOrganization.DENIED);
        assertThat(denied.get("error").get("code").asString()).isEqualTo("AccessDenied");
        assertThat(denied.get("error").get("message").asString()).contains("service control policy");
        assertThat(denied.get("rootCredentials").isNull()).isTrue();
    }

    @Test
    void credentialLessRootIsCompliantWithPositiveEvidence() throws Exception {
        JsonNode clean = run.account("210000000002");
        assertThat(clean.get("findings")).isEmpty();
        assertThat(clean.get("rootCredentials").get("credentialLess").asBoolean()).isTrue();
        assertThat(clean.get("rootCredentials").get("rootArn").asString()).isEqualTo("arn:aws:iam::210000000002:root");
        String evidence;
        try (var c = run.database(); var ps = c.prepareStatement(
                "SELECT evidence_json FROM ra_account WHERE account_id = ?")) {
            ps.setString(1, "210000000002");
            var rs = ps.executeQuery();
            rs.next();
            evidence = rs.getString(1);
        }
        JsonNode calls = Invocation.JSON.readTree(evidence);
        List<String> apis = new ArrayList<>();
        calls.forEach(e -> apis.add(e.get("api").asString()));
        assertThat(apis).containsExactlyInAnyOrder("sts:AssumeRoot", "iam:GetUser", "iam:GetLoginProfile",
                "iam:ListAccessKeys", "iam:ListSigningCertificates", "iam:ListMFADevices");
        JsonNode loginProfile = null;
        for (JsonNode e : calls) {
            if (e.get("api").asString().equals("iam:GetLoginProfile")) {
                loginProfile = e;
            }
        }
        assertThat(loginProfile.get("error").get("code").asString()).isEqualTo("NoSuchEntity");
    }

    @Test
    void everyAccountRuleIsTriggeredSomewhere() {
        Set<String> triggered = new HashSet<>();
        run.results().get("accounts").forEach(a -> a.get("findings").forEach(f -> triggered.add(f.get("ruleId").asString())));
        Set<String> accountRules = new HashSet<>();
        BuiltInRules.catalog().accountRules().forEach(r -> accountRules.add(r.metadata().id()));
        assertThat(triggered).containsAll(accountRules);
    }

    @Test
    void mfaDevicesAreTypedFromTheirSerials() {
        assertThat(mfaTypes("210000000022")).containsExactlyInAnyOrder("VIRTUAL", "FIDO");
        assertThat(mfaTypes(DemoOrganization.EXCEPTED)).containsExactly("HARDWARE");
        assertThat(mfaTypes("210000000021")).containsExactly("VIRTUAL");
        assertThat(ruleIds("210000000021")).contains("root-mfa-virtual-only");
        assertThat(ruleIds("210000000022")).doesNotContain("root-mfa-virtual-only", "root-password-without-mfa")
                .contains("root-password-present", "root-credentials-recently-used");
        assertThat(ruleIds("210000000024")).containsExactly("root-mfa-without-password");
    }

    /** Running as the management account, its root is read from inside and held to the management rules. */
    @Test
    void theManagementRootIsAssessed() {
        assertThat(mfaTypes(DemoOrganization.MANAGEMENT)).containsExactly("VIRTUAL");
        assertThat(ruleIds(DemoOrganization.MANAGEMENT)).containsExactly("root-mfa-virtual-only");
        JsonNode password = run.account(DemoOrganization.MANAGEMENT).get("rootCredentials").get("password");
        assertThat(password.get("createdAt").isNull()).isTrue();
        assertThat(password.get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void exceptionsApplyUntilTheyExpire() {
        JsonNode excepted = run.account(DemoOrganization.EXCEPTED);
        assertThat(excepted.get("findings")).isNotEmpty();
        excepted.get("findings").forEach(f -> assertThat(f.get("exceptionReference").asString()).isEqualTo("SEC-1042"));
        Map<String, String> register = new HashMap<>();
        run.results().get("exceptions").forEach(e -> register.put(e.get("ticket").asString(), e.get("status").asString()));
        assertThat(register).containsExactlyInAnyOrderEntriesOf(Map.of("SEC-1042", "ACTIVE", "SEC-0977", "EXPIRED"));
        JsonNode expired = run.account(DemoOrganization.EXPIRED_EXCEPTION);
        assertThat(expired.get("status").asString()).isEqualTo("NON_COMPLIANT");
        expired.get("findings").forEach(f -> assertThat(f.get("excepted").asBoolean()).isFalse());
    }

    @Test
    void findingsCarryControlMappings() {
        JsonNode key = null;
        for (JsonNode f : run.account("210000000016").get("findings")) {
            if (f.get("ruleId").asString().equals("root-access-key-active")) {
                key = f;
            }
        }
        assertThat(key.get("severity").asString()).isEqualTo("CRITICAL");
        List<String> controls = new ArrayList<>();
        key.get("controls").forEach(c -> controls.add(c.asString()));
        assertThat(controls).containsExactlyElementsOf(BuiltInRules.controlLabels("root-access-key-active"))
                .contains("Security Hub IAM.4", "CIS v7.0 2.4", "NIST 800-53 r5 AC-6", "PCI DSS v3.2.1 2.1");
    }

    @Test
    void untrustedNamesAreNeutralizedInCsvAndKeptLiterallyInJson() {
        String csv = String.join("\n", run.csvLines());
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",");
        assertThat(csv).doesNotContain(",=HYPERLINK");
        assertThat(csv).contains("Zürich – 東京").contains("<script>alert(1)</script>");
        assertThat(run.account("210000000015").get("name").asString()).startsWith("=HYPERLINK(");
    }

    @Test
    void organizationChecksArePartOfTheResults() {
        JsonNode org = run.results().get("organization");
        assertThat(org.get("callerRole").asString()).isEqualTo("MANAGEMENT_ACCOUNT");
        assertThat(org.get("findings")).isEmpty();
        List<String> features = new ArrayList<>();
        org.get("enabledFeatures").forEach(f -> features.add(f.asString()));
        assertThat(features).containsExactly("RootCredentialsManagement", "RootSessions");
        assertThat(run.account(DemoOrganization.MANAGEMENT).get("ouPath").asString()).isEqualTo("Root");
        assertThat(run.account("210000000001").get("ouPath").asString()).isEqualTo("Root/Production/EU");
        assertThat(run.account("210000000001").get("tags").get("owner").asString()).isEqualTo("team-01");
    }

    @Test
    void noSessionCredentialReachesOutputsLogsOrTheDatabase() throws Exception {
        JsonNode sessions = emulator.issuedSessions().get("sessions");
        assertThat(sessions.size()).isGreaterThanOrEqualTo(31);
        StringBuilder everything = new StringBuilder(run.out()).append(run.err()).append(run.databaseText());
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                everything.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        String haystack = everything.toString();
        for (JsonNode s : sessions) {
            assertThat(haystack).doesNotContain(s.get("secretAccessKey").asString())
                    .doesNotContain(s.get("sessionToken").asString())
                    .doesNotContain(s.get("accessKeyId").asString());
        }
    }

    private List<String> mfaTypes(String accountId) {
        List<String> types = new ArrayList<>();
        run.account(accountId).get("rootCredentials").get("mfaDevices").forEach(d -> types.add(d.get("type").asString()));
        return types;
    }

    private List<String> ruleIds(String accountId) {
        List<String> ids = new ArrayList<>();
        run.account(accountId).get("findings").forEach(f -> ids.add(f.get("ruleId").asString()));
        return ids;
    }
}

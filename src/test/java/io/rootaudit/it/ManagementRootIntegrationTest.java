package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import io.rootaudit.report.ResultsSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The management account's root, which sts:AssumeRoot cannot reach, read from inside the management account through
 * the real CLI, AWS SDK and HTTP against the emulator: as the management account itself, through the role from the
 * IAM delegated administrator, and not at all (NOT_APPLICABLE, with the reason) without the role.
 */
@ExtendWith(EmulatorExtension.class)
class ManagementRootIntegrationTest {

    static final String MANAGEMENT = "123456789012";
    static final String ADMIN = "310000000003";
    static final String ROLE = "arn:aws:iam::" + MANAGEMENT + ":role/rootaudit-management-root";
    static final String VIRTUAL = "arn:aws:iam::" + MANAGEMENT + ":mfa/root-account-mfa-device";

    @TempDir
    Path work;

    /** A password last used long ago (not a recent use) and a virtual MFA device. */
    static Map<String, Object> passwordWithVirtualMfa() {
        return Map.of(
                "createDate", "2018-01-02T03:04:05Z",
                "password", Map.of("createDate", "2018-01-02T03:04:05Z", "lastUsed", "2024-01-15T09:00:00Z"),
                "mfaDevices", List.of(Map.of("serial", VIRTUAL, "enableDate", "2020-05-06T07:08:09Z")));
    }

    static Map<String, Object> organization() {
        return Orgs.with(Orgs.with(Orgs.simple(3), "delegatedAdministrator", ADMIN), "managementRoot",
                passwordWithVirtualMfa());
    }

    @Test
    void asTheManagementAccountItsRootIsReadAndHeldToTheManagementRules(Emulator emulator) throws Exception {
        emulator.createOrganization(organization());

        Invocation run = Invocation.run(emulator, work, "audit");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
        assertPasswordWithVirtualMfaFindings(run);
        assertThat(apis(run)).containsExactly("iam:GetAccountSummary", "iam:GenerateCredentialReport",
                "iam:GenerateCredentialReport", "iam:GetCredentialReport", "iam:ListVirtualMFADevices");
        JsonNode report = call(run, "iam:GetCredentialReport").get("response");
        assertThat(report.get("GeneratedTime").asString()).isNotBlank().doesNotStartWith("2015");
        assertThat(report.get("RootAccountRow").get("password_enabled").asString()).isEqualTo("not_supported");
        assertThat(report.has("Content")).isFalse();
        assertThat(ResultsSchema.violations(run.runFolder().resolve("results.json"))).isEmpty();
    }

    @Test
    void fromTheDelegatedAdministratorThroughTheRole(Emulator emulator) throws Exception {
        emulator.createOrganization(organization());
        JsonNode admin = emulator.credentials(ADMIN);

        Invocation run = Invocation.runAs(emulator, admin.get("accessKeyId").asString(),
                admin.get("secretAccessKey").asString(), work, "audit", "--rootaudit.management-account.role-arn=" + ROLE);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
        assertThat(run.results().get("organization").get("callerRole").asString()).isEqualTo("DELEGATED_ADMINISTRATOR");
        assertPasswordWithVirtualMfaFindings(run);
        assertThat(apis(run)).startsWith("sts:AssumeRole", "iam:GetAccountSummary");
        JsonNode assumed = call(run, "sts:AssumeRole");
        assertThat(assumed.get("request").get("RoleArn").asString()).isEqualTo(ROLE);
        assertThat(assumed.get("response").get("Credentials").has("SecretAccessKey")).isFalse();
        assertThat(run.databaseText()).doesNotContain(admin.get("secretAccessKey").asString());
    }

    @Test
    void fromTheDelegatedAdministratorWithoutTheRoleItIsNotAssessedAndSaysHow(Emulator emulator) {
        emulator.createOrganization(organization());
        JsonNode admin = emulator.credentials(ADMIN);

        Invocation run = Invocation.runAs(emulator, admin.get("accessKeyId").asString(),
                admin.get("secretAccessKey").asString(), work, "audit");

        assertThat(run.exitCode()).as(run.out()).isZero();
        JsonNode management = run.account(MANAGEMENT);
        assertThat(management.get("status").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(management.get("statusReason").asString()).contains("management account root not assessed")
                .contains("rootaudit.management-account.role-arn");
        assertThat(management.get("rootCredentials").isNull()).isTrue();
        assertThat(emulator.stats().get("requests").has("GetCredentialReport")).isFalse();
    }

    @Test
    void aNonVirtualDeviceIsTheManagementRootsTargetState(Emulator emulator) {
        emulator.createOrganization(Orgs.with(organization(), "managementRoot", Map.of(
                "password", Map.of("createDate", "2018-01-02T03:04:05Z"),
                "mfaDevices", List.of(Map.of("serial", "GAHT12345678")))));

        Invocation run = Invocation.run(emulator, work, "audit");

        assertThat(run.exitCode()).as(run.out()).isZero();
        JsonNode management = run.account(MANAGEMENT);
        assertThat(management.get("status").asString()).isEqualTo("COMPLIANT");
        JsonNode mfa = management.get("rootCredentials").get("mfaDevices");
        assertThat(mfa).hasSize(1);
        assertThat(mfa.get(0).get("type").asString()).isEqualTo("NON_VIRTUAL");
        assertThat(mfa.get(0).get("serialNumber").isNull()).isTrue();
        assertThat(ResultsSchema.violations(run.runFolder().resolve("results.json"))).isEmpty();
    }

    @Test
    void preflightChecksTheWayInToTheManagementRoot(Emulator emulator) {
        emulator.createOrganization(organization());
        JsonNode admin = emulator.credentials(ADMIN);
        String key = admin.get("accessKeyId").asString();
        String secret = admin.get("secretAccessKey").asString();

        Invocation asManagement = Invocation.run(emulator, work.resolve("management"), "preflight");
        assertThat(asManagement.exitCode()).as(asManagement.out()).isZero();
        assertThat(asManagement.out()).containsPattern("PASSED.*Management account root readable")
                .contains("with the caller's own credentials");

        Invocation withoutRole = Invocation.runAs(emulator, key, secret, work.resolve("without"), "preflight");
        assertThat(withoutRole.exitCode()).as(withoutRole.out()).isZero();
        assertThat(withoutRole.out()).containsPattern("WARNING.*Management account root readable")
                .contains("will not be assessed").contains("rootaudit.management-account.role-arn");

        Invocation withRole = Invocation.runAs(emulator, key, secret, work.resolve("with"), "preflight",
                "--rootaudit.management-account.role-arn=" + ROLE);
        assertThat(withRole.exitCode()).as(withRole.out()).isZero();
        assertThat(withRole.out()).containsPattern("PASSED.*Management account root readable").contains("with role " + ROLE);

        emulator.addFault(Map.of("action", "AssumeRole", "code", "AccessDenied", "status", 403,
                "message", "not authorized to perform: sts:AssumeRole"));
        Invocation refused = Invocation.runAs(emulator, key, secret, work.resolve("refused"), "audit",
                "--rootaudit.management-account.role-arn=" + ROLE);
        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(5);
        assertThat(refused.out()).containsPattern("FAILED.*Management account root readable")
                .contains("AccessDenied").contains("iam-trust-policy-management-root.json")
                .contains("nothing was audited or written");
    }

    /** Root password (not a finding for the management root) and virtual-only MFA (a finding). */
    private static void assertPasswordWithVirtualMfaFindings(Invocation run) {
        JsonNode management = run.account(MANAGEMENT);
        assertThat(management.get("status").asString()).isEqualTo("NON_COMPLIANT");
        List<String> rules = new ArrayList<>();
        management.get("findings").forEach(f -> rules.add(f.get("ruleId").asString()));
        assertThat(rules).containsExactly("root-mfa-virtual-only");
        JsonNode credentials = management.get("rootCredentials");
        assertThat(credentials.get("rootArn").asString()).isEqualTo("arn:aws:iam::" + MANAGEMENT + ":root");
        assertThat(credentials.get("password").get("lastUsedAt").asString()).isEqualTo("2024-01-15T09:00:00Z");
        assertThat(credentials.get("mfaDevices").get(0).get("type").asString()).isEqualTo("VIRTUAL");
        assertThat(credentials.get("mfaDevices").get(0).get("serialNumber").asString()).isEqualTo(VIRTUAL);
        // the member accounts are audited as before
        assertThat(run.account("310000000001").get("status").asString()).isEqualTo("COMPLIANT");
    }

    private static List<String> apis(Invocation run) throws Exception {
        List<String> apis = new ArrayList<>();
        evidence(run).forEach(e -> apis.add(e.get("api").asString()));
        return apis;
    }

    private static JsonNode call(Invocation run, String api) throws Exception {
        for (JsonNode e : evidence(run)) {
            if (e.get("api").asString().equals(api)) {
                return e;
            }
        }
        throw new AssertionError("no " + api + " in the management account's evidence");
    }

    private static JsonNode evidence(Invocation run) throws Exception {
        try (var c = run.database(); var ps = c.prepareStatement("SELECT evidence_json FROM ra_account WHERE account_id = ?")) {
            ps.setString(1, MANAGEMENT);
            var rs = ps.executeQuery();
            rs.next();
            return Invocation.JSON.readTree(rs.getString(1));
        }
    }
}

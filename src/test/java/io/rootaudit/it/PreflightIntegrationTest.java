package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Each missing prerequisite stops the audit with exit 5, a message naming the fix, and nothing written. */
@ExtendWith(EmulatorExtension.class)
class PreflightIntegrationTest {

    @TempDir
    Path work;

    static Stream<Arguments> missingPrerequisites() {
        return Stream.of(
                Arguments.of("consolidated billing only", Map.of("featureSet", "CONSOLIDATED_BILLING"), "enable all features"),
                Arguments.of("no trusted access for IAM", Map.of("trustedAccess", false), "enable-aws-service-access"),
                Arguments.of("RootSessions disabled", Map.of("rootSessions", false), "enable-organizations-root-sessions"),
                Arguments.of("RootCredentialsManagement disabled", Map.of("rootCredentialsManagement", false),
                        "enable-organizations-root-credentials-management"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingPrerequisites")
    void auditStopsBeforeAuditingAnything(String name, Map<String, Object> change, String fix, Emulator emulator) throws Exception {
        Map<String, Object> spec = Orgs.simple(3);
        for (var e : change.entrySet()) {
            spec = Orgs.with(spec, e.getKey(), e.getValue());
        }
        emulator.createOrganization(spec);
        emulator.resetStats();

        Invocation run = Invocation.run(emulator, work, "audit");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).contains("[FAILED     ]").contains(fix).contains("nothing was audited or written");
        assertThat(emulator.stats().get("requests").has("AssumeRoot")).isFalse();
        assertThat(Files.exists(work.resolve("reports"))).isFalse();
        assertThat(run.count("SELECT COUNT(*) FROM ra_run")).isZero();
    }

    @Test
    void noOrganization(Emulator emulator) {
        Invocation run = Invocation.run(emulator, work, "audit");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).contains("AWS Organization").contains("AWSOrganizationsNotInUseException");
    }

    @Test
    void callerThatIsNeitherManagementNorDelegatedAdministrator(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(3));
        JsonNode member = emulator.credentials("310000000001");
        Invocation run = Invocation.runAs(emulator, member.get("accessKeyId").asString(),
                member.get("secretAccessKey").asString(), work, "preflight");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).contains("register-delegated-administrator");
    }

    @Test
    void delegatedAdministratorCanAudit(Emulator emulator) {
        emulator.createOrganization(Orgs.with(Orgs.simple(4), "delegatedAdministrator", "310000000004"));
        JsonNode admin = emulator.credentials("310000000004");
        Invocation run = Invocation.runAs(emulator, admin.get("accessKeyId").asString(),
                admin.get("secretAccessKey").asString(), work, "audit");
        assertThat(run.exitCode()).isZero();
        assertThat(run.results().get("organization").get("callerRole").asString()).isEqualTo("DELEGATED_ADMINISTRATOR");
        // the delegated administrator is a member: its own root is audited like any other
        assertThat(run.account("310000000004").get("status").asString()).isEqualTo("COMPLIANT");
        assertThat(run.results().get("accounts").size()).isEqualTo(5);
    }

    @Test
    void rootCredentialsManagementCanBeDowngradedToAFinding(Emulator emulator) throws Exception {
        emulator.createOrganization(Orgs.with(Orgs.simple(2), "rootCredentialsManagement", false));
        Invocation run = Invocation.run(emulator, work, "audit",
                "--rootaudit.preflight.require-root-credentials-management=false");
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode findings = run.results().get("organization").get("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("ruleId").asString()).isEqualTo("org-root-credentials-management-disabled");
        assertThat(findings.get(0).get("controls").get(0).asString()).isEqualTo("CIS v7.0 2.1.1");

        // the finding is stored with the run, and a pack rendered again shows the stored finding, not a new evaluation
        String runId = run.results().get("run").get("runId").asString();
        try (var c = run.database()) {
            assertThat(c.createStatement().executeUpdate("UPDATE ra_organization_finding SET detail = 'as stored' "
                    + "WHERE run_id = '" + runId + "' AND rule_id = 'org-root-credentials-management-disabled'")).isOne();
        }
        assertThat(Invocation.run(emulator, work, "report", "--run", runId).exitCode()).isZero();
        assertThat(run.results().get("organization").get("findings").get(0).get("detail").asString()).isEqualTo("as stored");
    }

    @Test
    void preflightCommandPassesAndWritesNothing(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(2));
        Invocation run = Invocation.run(emulator, work, "preflight");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("All prerequisites are met");
        assertThat(emulator.stats().get("requests").has("AssumeRoot")).isFalse();
        assertThat(Files.exists(work.resolve("reports"))).isFalse();
    }
}

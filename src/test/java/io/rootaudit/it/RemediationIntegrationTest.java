package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Remediation inside the audit job, against the emulator's root-user state. */
@ExtendWith(EmulatorExtension.class)
class RemediationIntegrationTest {

    static final String FULL = "310000000001";      // key, certificate, virtual + hardware MFA, old password
    static final String CLEAN = "310000000002";
    static final String EXCEPTED = "310000000003";  // old password, covered by an exception
    static final String OUT_OF_SCOPE = "310000000004"; // active key, excluded from remediation scope
    static final String RECOVERING = "310000000005"; // password created an hour ago

    @TempDir
    Path work;

    Emulator emulator;
    Path exceptions;

    @BeforeEach
    void organization(Emulator fresh) throws Exception {
        emulator = fresh;
        emulator.createOrganization(Orgs.simple(5));
        String old = "2024-01-01T00:00:00Z";
        emulator.setRootState(FULL, Map.of(
                "password", Map.of("createDate", old),
                "accessKeys", List.of(Map.of("id", "AKIAFULL000000000001", "status", "Active", "createDate", old)),
                "signingCertificates", List.of(Map.of("id", "CERTFULL0000000000000000000000001", "status", "Active", "uploadDate", old)),
                "mfaDevices", List.of(
                        Map.of("serial", "arn:aws:iam::" + FULL + ":mfa/root-account-mfa-device", "enableDate", old),
                        Map.of("serial", "GAHT99999999", "enableDate", old))));
        emulator.setRootState(EXCEPTED, Map.of("password", Map.of("createDate", old)));
        emulator.setRootState(OUT_OF_SCOPE, Map.of("accessKeys", List.of(Map.of("status", "Active", "createDate", old))));
        emulator.setRootState(RECOVERING, Map.of("password",
                Map.of("createDate", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())));
        exceptions = Files.writeString(work.resolve("exceptions.yml"), """
                - account: "%s"
                  reason: break-glass
                  approver: ciso@example.com
                  ticket: SEC-7
                  expires: 2099-01-01
                """.formatted(EXCEPTED));
    }

    private Invocation audit(String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--rootaudit.exceptions-file=" + exceptions,
                "--rootaudit.remediation.scope.exclude-accounts=" + OUT_OF_SCOPE,
                "--rootaudit.remediation.retry-for=2s"));
        args.addAll(List.of(extra));
        return Invocation.run(emulator, work, args.toArray(String[]::new));
    }

    @Test
    void applyRemovesExactlyTheEligibleCredentialsAndTheReAuditProvesIt() throws Exception {
        Map<String, JsonNode> before = states();
        Invocation run = audit("--rootaudit.remediation.mode=apply");

        assertThat(run.exitCode()).isEqualTo(3); // the audit found non-compliant roots; remediation succeeded
        assertThat(run.out()).contains("Remediation (APPLY)").contains("REMEDIATED=1");
        JsonNode full = emulator.rootState(FULL);
        assertThat(full.path("password").isNull() || full.path("password").isMissingNode()).isTrue();
        assertThat(full.get("accessKeys")).isEmpty();
        assertThat(full.get("signingCertificates")).isEmpty();
        assertThat(full.get("mfaDevices")).isEmpty();
        for (String untouched : List.of(CLEAN, EXCEPTED, OUT_OF_SCOPE, RECOVERING)) {
            assertThat(emulator.rootState(untouched)).as(untouched).isEqualTo(before.get(untouched));
        }
        Map<String, String> decisions = decisions(run);
        assertThat(decisions).containsExactlyInAnyOrderEntriesOf(Map.of(FULL, "REMEDIATED",
                EXCEPTED, "SKIPPED_EXCEPTED", RECOVERING, "SKIPPED_RECOVERY_IN_PROGRESS"));
        Map<String, String> actions = new LinkedHashMap<>();
        try (var c = run.database(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT action, target, status FROM ra_remediation_action WHERE account_id = '" + FULL + "' ORDER BY ordinal")) {
            while (rs.next()) {
                actions.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
            }
        }
        assertThat(actions).containsExactly(
                Map.entry("DELETE_ACCESS_KEY AKIAFULL000000000001", "DONE"),
                Map.entry("DELETE_SIGNING_CERTIFICATE CERTFULL0000000000000000000000001", "DONE"),
                Map.entry("DEACTIVATE_MFA_DEVICE arn:aws:iam::" + FULL + ":mfa/root-account-mfa-device", "DONE"),
                Map.entry("DELETE_VIRTUAL_MFA_DEVICE arn:aws:iam::" + FULL + ":mfa/root-account-mfa-device", "NOT_PERMITTED"),
                Map.entry("DEACTIVATE_MFA_DEVICE GAHT99999999", "DONE"),
                Map.entry("DELETE_LOGIN_PROFILE login-profile", "DONE"));
        try (var c = run.database(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT before_json, after_json FROM ra_remediation WHERE account_id = '" + FULL + "'")) {
            rs.next();
            assertThat(Invocation.JSON.readTree(rs.getString(1)).get("accessKeys")).hasSize(1);
            assertThat(Invocation.JSON.readTree(rs.getString(2)).get("accessKeys")).isEmpty();
        }

        // the evidence pack carries the same record
        JsonNode remediation = run.results().get("remediation");
        assertThat(remediation.get("mode").asString()).isEqualTo("APPLY");
        Map<String, JsonNode> reported = new HashMap<>();
        remediation.get("accounts").forEach(a -> reported.put(a.get("accountId").asString(), a));
        assertThat(reported.keySet()).containsExactlyInAnyOrder(FULL, EXCEPTED, RECOVERING);
        JsonNode fullReported = reported.get(FULL);
        assertThat(fullReported.get("decision").asString()).isEqualTo("REMEDIATED");
        assertThat(fullReported.get("before").get("accessKeys")).hasSize(1);
        assertThat(fullReported.get("after").get("credentialLess").asBoolean()).isTrue();
        List<String> reportedActions = new ArrayList<>();
        fullReported.get("actions").forEach(a -> reportedActions.add(a.get("type").asString() + " "
                + a.get("target").asString() + " " + a.get("status").asString()));
        assertThat(reportedActions).containsExactlyElementsOf(actions.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList());
        assertThat(reported.get(EXCEPTED).get("actions")).isEmpty();
        assertThat(reported.get(EXCEPTED).get("reason").asString()).contains("exception");
        assertThat(run.results().get("privilegedActions")).isEmpty();
    }

    @Test
    void dryRunChangesNothingAndRecordsThePlan() throws Exception {
        Map<String, JsonNode> before = states();
        emulator.resetStats();
        Invocation run = audit("--rootaudit.remediation.mode=dry-run");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(states()).isEqualTo(before);
        JsonNode requests = emulator.stats().get("requests");
        List<String> mutating = new ArrayList<>();
        requests.propertyNames().forEach(name -> {
            if (name.startsWith("Delete") || name.startsWith("Deactivate") || name.startsWith("Create")) {
                mutating.add(name);
            }
        });
        assertThat(mutating).isEmpty();
        assertThat(decisions(run)).containsEntry(FULL, "PLANNED");
        assertThat(run.count("SELECT COUNT(*) FROM ra_remediation_action WHERE status = 'PLANNED' AND account_id = ?", FULL))
                .isEqualTo(6);
    }

    @Test
    void aboveMaxAccountsNothingIsDeleted() throws Exception {
        emulator.setRootState(CLEAN, Map.of("accessKeys", List.of(Map.of("status", "Inactive", "createDate", "2024-01-01T00:00:00Z"))));
        Map<String, JsonNode> before = states();
        Invocation run = audit("--rootaudit.remediation.mode=apply", "--rootaudit.remediation.max-accounts=1");
        assertThat(states()).isEqualTo(before);
        assertThat(run.out()).contains("2 accounts are eligible, more than rootaudit.remediation.max-accounts=1");
        assertThat(decisions(run)).containsEntry(FULL, "SKIPPED_LIMIT_EXCEEDED").containsEntry(CLEAN, "SKIPPED_LIMIT_EXCEEDED");
    }

    @Test
    void aPermanentFailureIsRecordedAndExitsEight() throws Exception {
        emulator.addFault(Map.of("action", "DeleteLoginProfile", "target", FULL, "code", "AccessDenied", "status", 403,
                "message", "explicit deny in a service control policy"));
        Invocation run = audit("--rootaudit.remediation.mode=apply");
        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.out()).contains("FAILED " + FULL).contains("DELETE_LOGIN_PROFILE");
        assertThat(emulator.rootState(FULL).get("accessKeys")).isEmpty();
        assertThat(emulator.rootState(FULL).get("password").isNull()).isFalse();
    }

    @Test
    void invalidMfaErrorsRightAfterARecoveryAreRetried() throws Exception {
        emulator.addFault(Map.of("action", "DeleteLoginProfile", "target", FULL, "code", "InvalidInput", "status", 400,
                "message", "MFA device is invalid", "count", 2));
        Invocation run = audit("--rootaudit.remediation.mode=apply");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(decisions(run)).containsEntry(FULL, "REMEDIATED");
        assertThat(emulator.stats().get("requests").get("DeleteLoginProfile").asInt()).isEqualTo(3);
    }

    /**
     * SIGKILL in the middle of remediation (slowed down by injected latency), then the same command again:
     * the remediation finishes, every action is recorded once as settled, and no credential is deleted twice
     * (at most the one call in flight at the kill is repeated, and AWS answers it with NoSuchEntity).
     */
    @Test
    void killedMidRemediationResumesWithoutDeletingTwice() throws Exception {
        emulator.latency(400);
        Process process = ChildJvm.start(emulator, work, work.resolve("killed.log"), "audit",
                "--rootaudit.exceptions-file=" + exceptions,
                "--rootaudit.remediation.scope.exclude-accounts=" + OUT_OF_SCOPE,
                "--rootaudit.remediation.mode=apply");
        ChildJvm.awaitRequests(emulator, "DeleteSigningCertificate", 1, 90);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        assertThat(emulator.stats().get("requests").path("DeleteLoginProfile").asInt()).isZero();

        emulator.latency(0);
        Invocation resumed = audit("--rootaudit.remediation.mode=apply");
        assertThat(resumed.out()).contains("Resuming run").contains("REMEDIATED=1");
        assertThat(emulator.rootState(FULL).get("accessKeys")).isEmpty();
        JsonNode requests = emulator.stats().get("requests");
        assertThat(requests.get("DeleteAccessKey").asInt()).isEqualTo(1);
        assertThat(requests.get("DeleteSigningCertificate").asInt()).isBetween(1, 2);
        assertThat(requests.get("DeleteLoginProfile").asInt()).isEqualTo(1);
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_remediation_action WHERE account_id = ?", FULL)).isEqualTo(6);
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_remediation_action WHERE status IN ('PLANNED', 'FAILED')")).isZero();
    }

    private Map<String, JsonNode> states() {
        Map<String, JsonNode> states = new HashMap<>();
        for (String id : List.of(FULL, CLEAN, EXCEPTED, OUT_OF_SCOPE, RECOVERING)) {
            states.put(id, emulator.rootState(id));
        }
        return states;
    }

    private static Map<String, String> decisions(Invocation run) throws Exception {
        Map<String, String> decisions = new HashMap<>();
        try (var c = run.database(); ResultSet rs = c.createStatement().executeQuery("SELECT account_id, decision FROM ra_remediation")) {
            while (rs.next()) {
                decisions.put(rs.getString(1), rs.getString(2));
            }
        }
        return decisions;
    }
}

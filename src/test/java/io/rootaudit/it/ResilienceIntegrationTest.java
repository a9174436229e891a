package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Throttling, expiring sessions, failed and killed runs: every account ends up audited exactly once. */
@ExtendWith(EmulatorExtension.class)
class ResilienceIntegrationTest {

    @TempDir
    Path work;

    @Test
    void throttlingOnAssumeRootAndIamIsRiddenOut(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(20));
        emulator.addFault(Map.of("action", "AssumeRoot", "code", "Throttling", "status", 400, "rate", 0.3));
        for (String action : List.of("GetUser", "GetLoginProfile", "ListAccessKeys", "ListSigningCertificates", "ListMFADevices")) {
            emulator.addFault(Map.of("action", action, "code", "Throttling", "status", 400, "rate", 0.3));
        }
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.audit.concurrency=4");
        assertThat(run.exitCode()).isZero();
        // the 20 members and the management account, whose credential-less root is read from inside it
        assertThat(run.results().get("summary").get("byStatus").get("COMPLIANT").asInt()).isEqualTo(21);
        assertThat(run.results().get("summary").get("byStatus").get("ERROR").asInt()).isZero();
        // the faults really fired: more AssumeRoot requests than accounts
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isGreaterThan(20);
        // and both families slowed down: the adaptive limit went below the configured one
        for (String family : List.of("sts", "iam")) {
            Matcher m = Pattern.compile("AWS request rate, " + family
                    + ": [\\d,]+ requests, ([\\d,]+) throttled, rate [\\d.]+/s now \\(limit (\\d+)/s, lowest ([\\d.]+)/s\\)")
                    .matcher(run.out());
            assertThat(m.find()).as("throttling report for %s in:%n%s", family, run.out()).isTrue();
            assertThat(Integer.parseInt(m.group(1).replace(",", ""))).isPositive();
            assertThat(Double.parseDouble(m.group(3))).isLessThan(Double.parseDouble(m.group(2)));
        }
    }

    @Test
    void throttlingBeyondTheRetryBudgetIsThatAccountsErrorNotTheRuns(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(3));
        emulator.addFault(Map.of("action", "ListMFADevices", "target", "310000000002", "code", "Throttling", "status", 400));
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.aws.max-attempts=2");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.account("310000000002").get("error").get("code").asString()).isEqualTo("Throttling");
        assertThat(run.account("310000000001").get("status").asString()).isEqualTo("COMPLIANT");
    }

    @Test
    void aSessionThatExpiresMidAccountIsAssumedAgainOnce(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(2));
        emulator.addFault(Map.of("action", "ListAccessKeys", "target", "310000000001", "code", "ExpiredToken",
                "status", 403, "message", "The security token included in the request is expired", "count", 1));
        Invocation run = Invocation.run(emulator, work, "audit");
        assertThat(run.exitCode()).isZero();
        assertThat(run.account("310000000001").get("status").asString()).isEqualTo("COMPLIANT");
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isEqualTo(3);
    }

    /**
     * The session runs out between ListAccessKeys and GetAccessKeyLastUsed (the emulator answers ExpiredToken once,
     * as AWS does for an expired session) and the account is finished in a second session.
     */
    @Test
    void aSessionThatRunsOutMidAccountIsRenewed(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(1));
        emulator.setRootState("310000000001", Map.of("accessKeys", List.of(
                Map.of("status", "Active", "createDate", "2024-01-01T00:00:00Z"),
                Map.of("status", "Inactive", "createDate", "2024-01-01T00:00:00Z"))));
        emulator.addFault(Map.of("action", "GetAccessKeyLastUsed", "target", "310000000001", "code", "ExpiredToken",
                "status", 403, "count", 1));
        Invocation run = Invocation.run(emulator, work, "audit");
        assertThat(run.account("310000000001").get("status").asString()).isEqualTo("NON_COMPLIANT");
        assertThat(run.account("310000000001").get("rootCredentials").get("accessKeys")).hasSize(2);
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isEqualTo(2);
    }

    @Test
    void aSessionThatKeepsExpiringMakesTheAccountAnError(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(2));
        emulator.addFault(Map.of("action", "GetUser", "target", "310000000001", "code", "ExpiredToken", "status", 403));
        Invocation run = Invocation.run(emulator, work, "audit");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.account("310000000001").get("error").get("code").asString()).isEqualTo("ExpiredToken");
    }

    @Test
    void aRunThatFailedIsResumedWithoutAuditingAgain(Emulator emulator) throws Exception {
        String organization = emulator.createOrganization(Orgs.simple(6)).get("organizationId").asString();
        // the organization's report folder cannot be created: the results step fails after every account was audited
        Files.createDirectories(work.resolve("reports"));
        Files.writeString(work.resolve("reports").resolve(organization), "a file where a folder should be");
        Invocation failed = Invocation.run(emulator, work, "audit");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("Run the same command again to resume");
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isEqualTo(6);

        emulator.resetStats();
        Files.delete(work.resolve("reports").resolve(organization));
        Invocation resumed = Invocation.run(emulator, work, "audit");
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).contains("Resuming run");
        assertThat(emulator.stats().get("requests").has("AssumeRoot")).isFalse();
        assertThat(resumed.results().get("accounts").size()).isEqualTo(7);
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_run")).isEqualTo(1);
    }

    @Test
    void aCompletedPeriodIsNotAuditedAgainUnlessRerunIsAsked(Emulator emulator) throws Exception {
        emulator.createOrganization(Orgs.simple(2));
        assertThat(Invocation.run(emulator, work, "audit", "--rootaudit.period=2026-10").exitCode()).isZero();

        emulator.resetStats();
        Invocation again = Invocation.run(emulator, work, "audit", "--rootaudit.period=2026-10");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("was already audited by run 2026-10-1-").contains("--rerun");
        assertThat(emulator.stats().get("total").asInt()).isZero();

        Invocation rerun = Invocation.run(emulator, work, "audit", "--rootaudit.period=2026-10", "--rerun");
        assertThat(rerun.exitCode()).isZero();
        assertThat(rerun.out()).contains("Run 2026-10-2-");
        assertThat(rerun.count("SELECT COUNT(*) FROM ra_run WHERE period = '2026-10'")).isEqualTo(2);
    }

    /**
     * The real jar's entry point in a separate JVM, configured only through the environment a user would set
     * (AWS_ENDPOINT_URL, dummy keys, AWS_REGION), killed with SIGKILL in the middle of the audit step, then
     * resumed with the same command: every account ends up in the results exactly once.
     */
    @Test
    void aRunKilledMidAuditIsResumedAndEveryAccountAppearsOnce(Emulator emulator) throws Exception {
        emulator.createOrganization(Orgs.simple(30));
        emulator.latency(100);
        Process process = ChildJvm.start(emulator, work, work.resolve("killed.log"), "audit", "--rootaudit.audit.concurrency=2");
        ChildJvm.awaitRequests(emulator, "AssumeRoot", 12, 180);
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to record anything
        process.waitFor(30, TimeUnit.SECONDS);
        assertThat(emulator.stats().get("requests").path("AssumeRoot").asInt()).isBetween(12, 29);
        assertThat(Files.exists(work.resolve("reports"))).isFalse();

        emulator.latency(0);
        Invocation resumed = Invocation.run(emulator, work, "audit");
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).contains("Resuming run").contains("was interrupted");
        List<String> ids = new ArrayList<>();
        resumed.results().get("accounts").forEach(a -> ids.add(a.get("accountId").asString()));
        assertThat(ids).hasSize(31).doesNotHaveDuplicates();
        assertThat(resumed.results().get("summary").get("byStatus").get("COMPLIANT").asInt()).isEqualTo(31);
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_run")).isEqualTo(1);
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_account")).isEqualTo(31);
    }
}

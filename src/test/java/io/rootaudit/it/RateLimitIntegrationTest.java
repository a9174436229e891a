package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Client-side rate limits per API family, seen from the emulator's side of real HTTP. */
@ExtendWith(EmulatorExtension.class)
class RateLimitIntegrationTest {

    @TempDir
    Path work;

    @Test
    void eachApiFamilyIsHeldToItsConfiguredRate(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(16));
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.audit.concurrency=8",
                "--rootaudit.aws.rate-limits.sts=5", "--rootaudit.aws.rate-limits.organizations=5",
                "--rootaudit.scope.read-tags=true");
        assertThat(run.exitCode()).isZero();
        JsonNode stats = emulator.stats();
        // 16 AssumeRoot at 5/s with a burst of 5 (which preflight's GetCallerIdentity also draws on): >= 11 x 200 ms
        assertThat(stats.get("requests").get("AssumeRoot").asInt()).isEqualTo(16);
        assertThat(stats.get("spanSeconds").get("AssumeRoot").asDouble()).isGreaterThanOrEqualTo(2.0);
        // 17 tag reads (management account too), alongside the audit, after the listings used up the burst: >= 16 x 200 ms
        assertThat(stats.get("requests").get("ListTagsForResource").asInt()).isEqualTo(17);
        assertThat(stats.get("spanSeconds").get("ListTagsForResource").asDouble()).isGreaterThanOrEqualTo(2.8);
        // IAM keeps its default (200/s): its reads are not spread out the same way
        assertThat(run.out()).containsPattern("AWS request rate, sts: \\d+ requests, 0 throttled, .*limit 5/s")
                .containsPattern("AWS request rate, organizations: \\d+ requests, 0 throttled, .*limit 5/s")
                .doesNotContain("AWS request rate, iam:");
    }

    /**
     * Against a quota that throttles by request rate (AssumeRoot above 8/s, like AWS's token buckets), the adaptive
     * limit comes down towards the quota and is throttled less often than the same run at a fixed 20/s. Both start
     * with a burst of 20 against the quota's 8, so both are throttled in the first second. The quota is low enough
     * that even a loaded machine exceeds it (at 12/s against 40/s a busy 2-core machine never reached it, and nothing
     * was compared), and above the adaptive floor (a quarter of the limit, 5/s), so the adaptive run can get under it.
     */
    @Test
    void theAdaptiveLimitFindsARateBasedQuota(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(50));
        long adaptive = throttledAssumeRoots(emulator, work.resolve("adaptive"), "true");
        long fixed = throttledAssumeRoots(emulator, work.resolve("fixed"), "false");
        System.out.println("AssumeRoot throttled: adaptive " + adaptive + ", fixed rate " + fixed);
        assertThat(fixed).as("the fixed-rate run must exceed the quota for the comparison to mean anything").isPositive();
        assertThat(adaptive).isLessThan(fixed);
    }

    private static long throttledAssumeRoots(Emulator emulator, Path dir, String adaptive) {
        emulator.clearFaults();
        emulator.addFault(Map.of("action", "AssumeRoot", "code", "Throttling", "status", 400, "perSecond", 8));
        Invocation run = Invocation.run(emulator, dir, "audit",
                "--rootaudit.aws.rate-limits.sts=20", "--rootaudit.aws.rate-limits.adaptive=" + adaptive);
        assertThat(run.exitCode()).isZero();
        // the 50 members and the management account, whose credential-less root is read from inside it
        assertThat(run.results().get("summary").get("byStatus").get("COMPLIANT").asInt()).isEqualTo(51);
        long fired = emulator.faults().get("faults").get(0).get("fired").asLong();
        emulator.clearFaults();
        return fired;
    }

    /**
     * Tags read alongside the audit are committed in batches of 100: a run whose tag read fails at account 150 keeps
     * the first 100 and still audits every account; the same command afterwards reads only the rest, audits nothing
     * again, and writes the pack.
     */
    @Test
    void aFailedTagReadKeepsTheAuditAndTheTagsReadAndTheRestIsReadOnResume(Emulator emulator) throws Exception {
        emulator.createOrganization(Orgs.simple(160));
        emulator.addFault(Map.of("action", "ListTagsForResource", "target", "310000000150", "code", "AccessDeniedException",
                "status", 400, "message", "not allowed"));
        String[] args = {"audit", "--rootaudit.report.owner-tag-keys=owner", "--rootaudit.aws.rate-limits.organizations=1000"};
        Invocation failed = Invocation.run(emulator, work, args);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("Reading the tags of 161 accounts");
        assertThat(failed.count("SELECT COUNT(*) FROM ra_account WHERE tags_json IS NOT NULL")).isEqualTo(100);
        assertThat(failed.count("SELECT COUNT(*) FROM ra_account WHERE status IS NULL")).as("audited all the same").isZero();
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isEqualTo(160);

        emulator.clearFaults();
        emulator.resetStats();
        Invocation resumed = Invocation.run(emulator, work, args);
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).contains("Reading the tags of 61 accounts");
        assertThat(emulator.stats().get("requests").get("ListTagsForResource").asInt()).isEqualTo(61);
        assertThat(emulator.stats().get("requests").has("AssumeRoot")).as("nothing audited twice").isFalse();
        assertThat(resumed.results().get("accounts").size()).isEqualTo(161);
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_account WHERE tags_json IS NULL")).isZero();
    }
}

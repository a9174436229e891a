package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An AWS endpoint that refuses connections or never answers: preflight fails quickly with exit 5, names the endpoint
 * and points at the network (not at credentials it never got to check); during the audit, one account whose calls
 * hang is that account's ERROR and the run goes on.
 */
@ExtendWith(EmulatorExtension.class)
class NetworkFailureIntegrationTest {

    /** Short timeouts for the in-JVM runs; the default ones are exercised by the child-JVM run below. */
    private static final String[] SHORT_TIMEOUTS = {"--rootaudit.aws.connect-timeout=1s",
            "--rootaudit.aws.attempt-timeout=2s", "--rootaudit.aws.call-timeout=10s"};

    @TempDir
    Path work;

    /** With the default timeouts: nothing listens on the port, and preflight says so in seconds. */
    @Test
    void aRefusedConnectionFailsPreflightInSecondsNamingTheEndpoint() {
        String endpoint = SilentEndpoint.closedPort();
        long started = System.nanoTime();
        Invocation run = Invocation.runAt(endpoint, work, "preflight");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out().lines().toList()).element(1).asString()
                .isEqualTo("  [FAILED     ] AWS credentials: the STS endpoint " + endpoint
                        + " could not be reached: the connection was refused, 3 attempts");
        assertThat(run.out()).contains("fix: check that this machine can reach " + endpoint)
                .contains("AWS_ENDPOINT_URL_STS").doesNotContain("provide credentials");
        assertThat(elapsed).as("the application's start included").isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aSilentEndpointFailsTheAuditBeforeAnythingIsAuditedOrWritten() throws Exception {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            long started = System.nanoTime();
            Invocation run = Invocation.runAt(silent.url(), work, withShortTimeouts("audit"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(run.exitCode()).isEqualTo(5);
            assertThat(run.out()).contains("[FAILED     ] AWS credentials: the STS endpoint " + silent.url()
                            + " did not answer in time: no answer within 2s (rootaudit.aws.attempt-timeout), 3 attempts")
                    .contains("fix: check that this machine can reach " + silent.url())
                    .contains("nothing was audited or written").doesNotContain("provide credentials");
            assertThat(silent.connections()).isEqualTo(3);
            // three attempts of 2 s and their backoff, well inside the 10 s call timeout
            assertThat(elapsed).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(10));
            assertThat(Files.exists(work.resolve("reports"))).isFalse();
            assertThat(run.count("SELECT COUNT(*) FROM ra_run")).isZero();
        }
    }

    /**
     * As a user runs the jar, with the default timeouts (connect 5 s, attempt 20 s, call 2 min): an endpoint that accepts
     * connections and never answers fails preflight in about a minute (3 attempts of 20 s), well within two.
     */
    @Test
    void withTheDefaultTimeoutsASilentEndpointFailsPreflightWithinTwoMinutes() throws Exception {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            long started = System.nanoTime();
            Process process = ChildJvm.start(silent.url(), work, work.resolve("silent.log"), "preflight");
            assertThat(process.waitFor(170, TimeUnit.SECONDS)).as("finished within 170 s").isTrue();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            String output = Files.readString(work.resolve("silent.log"), StandardCharsets.UTF_8);
            System.out.println("---- preflight against " + silent.url() + " (silent, default timeouts) -> exit "
                    + process.exitValue() + " in " + elapsed.toMillis() + " ms\n" + output);

            assertThat(process.exitValue()).isEqualTo(5);
            assertThat(output.lines().toList()).element(1).asString()
                    .isEqualTo("  [FAILED     ] AWS credentials: the STS endpoint " + silent.url()
                            + " did not answer in time: no answer within 20s (rootaudit.aws.attempt-timeout), 3 attempts");
            assertThat(output).doesNotContain("provide credentials");
            assertThat(silent.connections()).isEqualTo(3);
            assertThat(elapsed).isBetween(Duration.ofSeconds(60), Duration.ofMinutes(2));
        }
    }

    /** Only the S3 endpoint is unreachable: the bucket check names it and its own endpoint variable. */
    @Test
    void anUnreachableEvidenceBucketEndpointIsNamedInItsOwnCheck(Emulator emulator) throws Exception {
        emulator.createOrganization(Orgs.simple(1));
        String closed = SilentEndpoint.closedPort();
        ChildJvm.Result run = ChildJvm.run(work, Map.of("AWS_ENDPOINT_URL", emulator.endpoint(),
                "AWS_ENDPOINT_URL_S3", closed), List.of(), "preflight", "--rootaudit.report.s3.bucket=evidence");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(5);
        assertThat(run.output()).contains("[PASSED     ] AWS credentials")
                .contains("[FAILED     ] Evidence bucket exists: the S3 endpoint " + closed
                        + " could not be reached: the connection was refused")
                .contains("AWS_ENDPOINT_URL_S3").doesNotContain("create the bucket");
    }

    /**
     * One account's IAM reads hang (the emulator holds its GetUser for 30 s): that account is ERROR with a Timeout that
     * names the endpoint and holds no secret, every other account is audited, and the run exits 4.
     */
    @Test
    void anAccountWhoseCallsHangIsAnErrorAndTheRunGoesOn(Emulator emulator) {
        emulator.createOrganization(Orgs.simple(4));
        emulator.addFault(Map.of("action", "GetUser", "target", "310000000002", "delayMillis", 30_000));

        Invocation run = Invocation.run(emulator, work, withShortTimeouts("audit"));

        assertThat(run.exitCode()).isEqualTo(4);
        JsonNode hung = run.account("310000000002");
        assertThat(hung.get("status").asString()).isEqualTo("ERROR");
        assertThat(hung.get("error").get("code").asString()).isEqualTo("Timeout");
        String message = hung.get("error").get("message").asString();
        assertThat(message).isEqualTo("the IAM endpoint " + emulator.endpoint()
                + " did not answer in time: no answer within 2s (rootaudit.aws.attempt-timeout), 3 attempts");
        for (String other : new String[] {"310000000001", "310000000003", "310000000004"}) {
            assertThat(run.account(other).get("status").asString()).as(other).isEqualTo("COMPLIANT");
        }
        for (JsonNode s : emulator.issuedSessions().get("sessions")) {
            assertThat(message).doesNotContain(s.get("accessKeyId").asString())
                    .doesNotContain(s.get("secretAccessKey").asString()).doesNotContain(s.get("sessionToken").asString());
        }
        assertThat(emulator.stats().get("requests").get("GetUser").asInt()).isEqualTo(3 + 3);
    }

    private static String[] withShortTimeouts(String command) {
        String[] args = new String[SHORT_TIMEOUTS.length + 1];
        args[0] = command;
        System.arraycopy(SHORT_TIMEOUTS, 0, args, 1, SHORT_TIMEOUTS.length);
        return args;
    }
}

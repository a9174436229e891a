package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Soak: the same audit (with remediation apply and S3 publishing) killed with SIGKILL at random moments, at least
 * 20 times, spread over the snapshot, audit, remediation, evidence rendering and publishing, each time resumed
 * with the same command, until one invocation finishes. Then: every account appears exactly once, every
 * remediation action is recorded once and settled, no credential was deleted more than once (a call in flight
 * at a kill may be repeated and answered NoSuchEntity), and the evidence equals an uninterrupted run of the same
 * organization except for run metadata and timestamps. Seeded randomness, printed, so a failure can be replayed
 * with -Drootaudit.soak.seed=N; -Drootaudit.soak.kills=N changes the number of kills.
 */
@ExtendWith(EmulatorExtension.class)
class CrashResumeSoakTest {

    static final int ACCOUNTS = 36;

    @TempDir
    Path work;

    @Test
    void killedAtRandomPointsAndResumedTheResultMatchesAnUninterruptedRun(Emulator emulator) throws Exception {
        long seed = Long.getLong("rootaudit.soak.seed", System.nanoTime());
        int kills = Integer.getInteger("rootaudit.soak.kills", 20);
        System.out.println("soak seed " + seed + ", kills " + kills);
        Random random = new Random(seed);

        seed(emulator);
        Invocation reference = Invocation.run(emulator, work.resolve("reference"), args());
        JsonNode expected = normalized(reference.results());

        seed(emulator);
        emulator.latency(100);
        Path soak = work.resolve("soak");
        Files.createDirectories(soak);
        // kills per phase, in pipeline order; each lands a random moment after the phase's first log line
        Map<String, Integer> plan = new LinkedHashMap<>();
        plan.put("Resuming run|Started run", Math.max(1, kills * 4 / 20)); // the snapshot step follows these lines
        plan.put("Auditing run", Math.max(1, kills * 5 / 20));
        plan.put("Remediation plan|Remediation progress", Math.max(1, kills * 5 / 20));
        plan.put("Wrote ", Math.max(1, kills * 3 / 20));
        plan.put("Published s3://", Math.max(1, kills * 3 / 20));
        Map<String, String> names = Map.of("Resuming run|Started run", "snapshot", "Auditing run", "audit",
                "Remediation plan|Remediation progress", "remediation", "Wrote ", "report rendering",
                "Published s3://", "publishing");
        int killed = 0;
        List<String> phases = new ArrayList<>();
        int run = 0;
        for (Map.Entry<String, Integer> phase : plan.entrySet()) {
            for (int k = 0; k < phase.getValue(); k++) {
                Path log = soak.resolve("run-" + run++ + ".log");
                Process p = ChildJvm.start(emulator, soak, log, args());
                if (awaitLine(p, log, phase.getKey(), 90)) {
                    Thread.sleep(random.nextInt(phase.getKey().startsWith("Published") ? 150 : 700));
                }
                if (p.isAlive()) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                    killed++;
                    phases.add(names.get(phase.getKey()));
                } else {
                    break; // the run got past this phase before the kill: go on with the next phase
                }
            }
        }
        emulator.latency(0);
        // the last invocation may have finished before its kill time came: one more says "already audited"
        Invocation last = Invocation.run(emulator, soak, args());
        System.out.println("killed " + killed + " times: " + phases);
        assertThat(last.exitCode()).isIn(0, 3, 4);
        assertThat(killed).isGreaterThanOrEqualTo(kills * 3 / 4);

        JsonNode results = last.results();
        List<String> ids = new ArrayList<>();
        results.get("accounts").forEach(a -> ids.add(a.get("accountId").asString()));
        assertThat(ids).hasSize(ACCOUNTS + 1).doesNotHaveDuplicates();
        assertThat(last.count("SELECT COUNT(*) FROM ra_run")).isEqualTo(1);
        assertThat(last.count("SELECT COUNT(*) FROM ra_account")).isEqualTo(ACCOUNTS + 1);
        assertThat(last.count("SELECT COUNT(*) FROM ra_remediation_action WHERE status IN ('PLANNED', 'FAILED')")).isZero();
        JsonNode requests = emulator.stats().get("requests");
        int credentials = expected.get("deletions").asInt();
        int deletes = requests.path("DeleteAccessKey").asInt() + requests.path("DeleteLoginProfile").asInt()
                + requests.path("DeleteSigningCertificate").asInt() + requests.path("DeactivateMFADevice").asInt();
        assertThat(deletes).isBetween(credentials, credentials + killed);
        assertThat(normalized(results)).isEqualTo(expected);
        assertThat(Invocation.run(emulator, soak, "verify", "--path", last.runFolder().toString()).exitCode()).isZero();
        assertThat(s3Keys(emulator)).contains("manifest.json", "results.json", "report.pdf");
    }

    private static String[] args() {
        return new String[] {"audit", "--rootaudit.audit.concurrency=2", "--rootaudit.remediation.mode=apply",
                "--rootaudit.remediation.acknowledge-no-exceptions-file=true",
                "--rootaudit.remediation.retry-for=2s", "--rootaudit.report.s3.bucket=soak-evidence"};
    }

    private static void seed(Emulator emulator) {
        emulator.reset();
        emulator.createOrganization(Orgs.simple(ACCOUNTS));
        String old = "2024-01-01T00:00:00Z";
        for (int i = 1; i <= ACCOUNTS; i += 3) {
            String id = String.format("31%010d", i);
            emulator.setRootState(id, Map.of(
                    "password", Map.of("createDate", old),
                    "accessKeys", List.of(Map.of("id", "AKIASOAK" + id, "status", "Active", "createDate", old)),
                    "mfaDevices", List.of(Map.of("serial", "GAHT" + id.substring(4), "enableDate", old))));
        }
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(emulator.endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            s3.createBucket(b -> b.bucket("soak-evidence"));
        }
    }

    /** The evidence without run metadata and timestamps; settled action states (DONE or ALREADY_GONE) are one. */
    private static JsonNode normalized(JsonNode results) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Object> accounts = new TreeMap<>();
        for (JsonNode a : results.get("accounts")) {
            Map<String, Object> m = new TreeMap<>();
            m.put("status", a.get("status").asString());
            m.put("highestSeverity", a.get("highestSeverity").toString());
            m.put("ouPath", a.get("ouPath").asString());
            m.put("rootCredentials", a.get("rootCredentials").toString());
            List<String> findings = new ArrayList<>();
            a.get("findings").forEach(f -> findings.add(f.get("ruleId").asString() + "|" + f.get("resource") + "|" + f.get("excepted")));
            m.put("findings", findings);
            accounts.put(a.get("accountId").asString(), m);
        }
        out.put("accounts", accounts);
        out.put("byStatus", results.get("summary").get("byStatus").toString());
        out.put("complianceRate", results.get("summary").get("complianceRate").toString());
        Map<String, Object> remediation = new TreeMap<>();
        int deletions = 0;
        for (JsonNode r : results.get("remediation").get("accounts")) {
            List<String> actions = new ArrayList<>();
            for (JsonNode x : r.get("actions")) {
                String status = x.get("status").asString();
                actions.add(x.get("type").asString() + "|" + x.get("target").asString() + "|"
                        + (status.equals("ALREADY_GONE") ? "DONE" : status));
                if (!x.get("type").asString().equals("DELETE_VIRTUAL_MFA_DEVICE")) {
                    deletions++;
                }
            }
            remediation.put(r.get("accountId").asString(), r.get("decision").asString() + " " + actions
                    + " after=" + r.get("after"));
        }
        out.put("remediation", remediation);
        out.put("deletions", deletions);
        return Invocation.JSON.valueToTree(out);
    }

    /** Waits until the child's log has a line matching one of {@code markers} ('|'-separated), or it exits. */
    private static boolean awaitLine(Process p, Path log, String markers, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String[] any = markers.split("\\|");
        while (System.nanoTime() < deadline && p.isAlive()) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            for (String m : any) {
                if (text.contains(m)) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static List<String> s3Keys(Emulator emulator) {
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(emulator.endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2(l -> l.bucket("soak-evidence")).contents().forEach(o -> keys.add(o.key().substring(o.key().lastIndexOf('/') + 1)));
            return keys;
        }
    }
}

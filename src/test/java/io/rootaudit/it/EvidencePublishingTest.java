package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.JsonNode;

/** The evidence pack published to S3 in the emulator: headers, verification, failure and retry. */
@ExtendWith(EmulatorExtension.class)
class EvidencePublishingTest {

    @TempDir
    Path work;

    Emulator emulator;
    S3Client s3;

    @BeforeEach
    void organizationAndBuckets(Emulator fresh) {
        emulator = fresh;
        emulator.createOrganization(Orgs.simple(3));
        s3 = S3Client.builder().endpointOverride(URI.create(emulator.endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
        s3.createBucket(b -> b.bucket("evidence-locked").objectLockEnabledForBucket(true));
        s3.createBucket(b -> b.bucket("evidence-plain"));
    }

    @AfterEach
    void close() {
        s3.close();
    }

    @Test
    void packIsPublishedWithChecksumsEncryptionAndRetentionThenVerified() {
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.s3.bucket=evidence-locked",
                "--rootaudit.report.s3.prefix=/audits/", "--rootaudit.report.s3.object-lock.mode=COMPLIANCE",
                "--rootaudit.report.s3.object-lock.retain-days=400");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("[PASSED     ] Object Lock enabled on the bucket").contains("Published and verified: s3://");
        JsonNode results = run.results();
        String prefix = "audits/" + results.get("organization").get("organizationId").asString() + "/"
                + results.get("run").get("period").asString() + "/" + results.get("run").get("runId").asString() + "/";
        List<String> keys = s3.listObjectsV2(l -> l.bucket("evidence-locked").prefix(prefix)).contents().stream()
                .map(o -> o.key().substring(prefix.length())).toList();
        assertThat(keys).contains("results.json", "accounts.csv", "manifest.json");
        HeadObjectResponse head = s3.headObject(h -> h.bucket("evidence-locked").key(prefix + "results.json")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(head.checksumSHA256()).isNotBlank();
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isAfter(Instant.now().plus(Duration.ofDays(399)));

        Invocation verify = Invocation.run(emulator, work, "verify", "--path", "s3://evidence-locked/" + prefix);
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("match manifest.json");
        Invocation history = Invocation.run(emulator, work, "history");
        assertThat(history.out()).contains("s3://evidence-locked/" + prefix).contains("100.0%");
    }

    @Test
    void kmsKeyGivesSseKms() {
        String key = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.s3.bucket=evidence-plain",
                "--rootaudit.report.s3.kms-key-id=" + key);
        assertThat(run.exitCode()).isZero();
        String prefix = run.out().replaceAll("(?s).*Published and verified: s3://evidence-plain/(\\S+).*", "$1");
        HeadObjectResponse head = s3.headObject(h -> h.bucket("evidence-plain").key(prefix + "manifest.json"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(key);
    }

    @Test
    void publishingFailureKeepsTheLocalPackAndPublishCompletesIt() throws Exception {
        emulator.addFault(Map.of("action", "HeadObject", "code", "InternalError", "status", 500, "message", "injected"));
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.s3.bucket=evidence-plain",
                "--rootaudit.aws.max-attempts=1");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("publishing run").contains("publish --run");
        Path folder = run.runFolder();
        assertThat(folder.resolve("manifest.json")).exists();
        assertThat(Invocation.run(emulator, work, "verify", "--path", folder.toString()).exitCode()).isZero();
        String runId = run.results().get("run").get("runId").asString();

        emulator.clearFaults();
        Invocation publish = Invocation.run(emulator, work, "publish", "--run", runId,
                "--rootaudit.report.s3.bucket=evidence-plain");
        assertThat(publish.exitCode()).isZero();
        assertThat(publish.out()).contains("Published and verified");
        assertThat(Invocation.run(emulator, work, "history").out()).contains("s3://evidence-plain/");
    }

    @Test
    void preflightChecksTheBucket() {
        Invocation missing = Invocation.run(emulator, work, "preflight", "--rootaudit.report.s3.bucket=no-such-bucket");
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.out()).contains("Evidence bucket exists").contains("create the bucket");
        Invocation unlocked = Invocation.run(emulator, work, "audit", "--rootaudit.report.s3.bucket=evidence-plain",
                "--rootaudit.report.s3.object-lock.mode=GOVERNANCE", "--rootaudit.report.s3.object-lock.retain-days=30");
        assertThat(unlocked.exitCode()).isEqualTo(5);
        assertThat(unlocked.out()).contains("[FAILED     ] Object Lock enabled on the bucket")
                .contains("use a bucket created with Object Lock enabled");
        assertThat(Files.exists(work.resolve("reports"))).isFalse();
    }

    /**
     * The write check leaves nothing under the prefix, not even in a versioned bucket whose default retention would
     * lock any object version put there (COMPLIANCE: a locked version cannot be deleted): no object, version, delete
     * marker or unfinished upload. After an audit the prefix holds the run's pack and nothing else.
     */
    @Test
    void preflightAndAuditLeaveNothingButThePackUnderThePrefix() {
        s3.putObjectLockConfiguration(b -> b.bucket("evidence-locked").objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(1)))));
        for (String bucket : List.of("evidence-locked", "evidence-plain")) {
            Path runs = work.resolve(bucket); // a database of its own: each bucket gets the period's first run
            Invocation preflight = Invocation.run(emulator, runs, "preflight", "--rootaudit.report.s3.bucket=" + bucket,
                    "--rootaudit.report.s3.prefix=audits");
            assertThat(preflight.exitCode()).as(preflight.out()).isZero();
            assertThat(preflight.out()).contains("[PASSED     ] Evidence bucket is writable");
            assertThat(everythingUnder(bucket, "")).as(bucket + " after preflight").isEmpty();

            Invocation audit = Invocation.run(emulator, runs, "audit", "--rootaudit.report.s3.bucket=" + bucket,
                    "--rootaudit.report.s3.prefix=audits");
            assertThat(audit.exitCode()).as(audit.out()).isZero();
            String folder = audit.out().replaceAll("(?s).*Published and verified: s3://" + bucket + "/(\\S+).*", "$1");
            assertThat(everythingUnder(bucket, "")).as(bucket + " after audit").containsExactlyInAnyOrder(
                    Stream.of("results.json", "accounts.csv", "evidence.xlsx", "report.pdf", "findings.ocsf.json",
                                    "manifest.json")
                            .map(file -> "version " + folder + file).toArray(String[]::new));
        }
    }

    @Test
    void aWriteCheckThatCannotBeAbortedFailsNamingThePermission() {
        emulator.addFault(Map.of("action", "AbortMultipartUpload", "code", "AccessDenied", "status", 403,
                "message", "injected"));
        Invocation run = Invocation.run(emulator, work, "preflight", "--rootaudit.report.s3.bucket=evidence-plain");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).contains("[FAILED     ] Evidence bucket is writable").contains("could not abort it")
                .contains("allow s3:AbortMultipartUpload").contains("aws s3api abort-multipart-upload");
    }

    /** Every object version, delete marker and unfinished multipart upload under {@code prefix}, one line each. */
    private List<String> everythingUnder(String bucket, String prefix) {
        var versions = s3.listObjectVersions(l -> l.bucket(bucket).prefix(prefix));
        var uploads = s3.listMultipartUploads(l -> l.bucket(bucket).prefix(prefix));
        return Stream.of(versions.versions().stream().map(v -> "version " + v.key()),
                        versions.deleteMarkers().stream().map(m -> "delete marker " + m.key()),
                        uploads.uploads().stream().map(u -> "upload " + u.key()))
                .flatMap(s -> s).toList();
    }

    @Test
    void verifyNamesAChangedByteAndAMissingFile() throws Exception {
        Invocation run = Invocation.run(emulator, work, "audit");
        Path folder = run.runFolder();
        byte[] csv = Files.readAllBytes(folder.resolve("accounts.csv"));
        csv[csv.length - 3] ^= 1;
        Files.write(folder.resolve("accounts.csv"), csv);
        Files.delete(folder.resolve("results.json"));
        Invocation verify = Invocation.run(emulator, work, "verify", "--path", folder.toString());
        assertThat(verify.exitCode()).isEqualTo(7);
        assertThat(verify.err()).contains("accounts.csv: SHA-256").contains("results.json: missing");

        String runId = verify.err().isEmpty() ? null : run.out().replaceAll("(?s).*Run (\\S+) of organization.*", "$1");
        assertThat(Invocation.run(emulator, work, "report", "--run", runId).exitCode()).isZero();
        assertThat(Invocation.run(emulator, work, "verify", "--path", folder.toString()).exitCode()).isZero();
    }

    /**
     * verify of an s3:// pack trusts nothing it reads, as it does locally: each damaged copy of a published pack,
     * under a prefix of its own, fails with exit 7 naming its problem.
     */
    @Test
    void verifyInS3FailsForEachDamagedPackNamingTheProblem() throws Exception {
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.report.s3.bucket=evidence-plain");
        assertThat(run.exitCode()).isZero();
        Path folder = run.runFolder();
        String runId = run.results().get("run").get("runId").asString();
        Map<String, byte[]> pack = new java.util.TreeMap<>();
        for (String file : List.of("results.json", "accounts.csv", "evidence.xlsx", "report.pdf", "findings.ocsf.json",
                "manifest.json")) {
            pack.put(file, Files.readAllBytes(folder.resolve(file)));
        }
        String results = new String(pack.get("results.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(results).contains("\"NON_COMPLIANT\"");

        Map<String, byte[]> unlisted = new java.util.TreeMap<>(pack);
        unlisted.put("report.pdf", "junk".getBytes());
        Map<String, byte[]> missing = new java.util.TreeMap<>(pack);
        missing.remove("accounts.csv");
        Map<String, byte[]> forged = new java.util.TreeMap<>(pack);
        forged.put("results.json", results.replace("\"NON_COMPLIANT\"", "\"COMPLIANT\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(upload("unlisted", unlisted, manifest(unlisted, runId, "report.pdf", null)),
                "manifest.json: does not list report.pdf, which every evidence pack holds");
        cases.put(upload("missing", missing, manifest(pack, runId, null, null)), "accounts.csv: missing or unreadable (");
        cases.put(upload("path", pack, manifest(pack, runId, null, "../../etc/hostname")),
                "manifest.json: artifact 6 names '../../etc/hostname', which is not a file name of the pack folder");
        cases.put(upload("forged", forged, manifest(forged, runId, null, null)), "report.pdf: its cover gives SHA-256 ");
        cases.put(upload("other-run", pack, manifest(pack, "2026-01-7-000000", null, null)),
                "the run id disagrees: manifest.json says '2026-01-7-000000', results.json says '" + runId + "'");

        for (Map.Entry<String, String> c : cases.entrySet()) {
            Invocation verify = Invocation.run(emulator, work, "verify", "--path", c.getKey());
            assertThat(verify.exitCode()).as(c.getKey()).isEqualTo(7);
            assertThat(verify.err()).as(c.getKey()).contains("rootaudit: verification of " + c.getKey() + " failed:")
                    .contains("  - " + c.getValue());
        }
    }

    /** The manifest a forger writes over {@code files}: re-hashed, without {@code leftOut}, plus an entry {@code extra}. */
    private static byte[] manifest(Map<String, byte[]> files, String runId, String leftOut, String extra) {
        StringBuilder artifacts = new StringBuilder();
        for (String file : List.of("results.json", "accounts.csv", "evidence.xlsx", "report.pdf", "findings.ocsf.json", "")) {
            String name = file.isEmpty() ? extra : file;
            byte[] bytes = file.isEmpty() ? new byte[0] : files.getOrDefault(file, new byte[0]);
            if (name == null || name.equals(leftOut)) {
                continue;
            }
            artifacts.append(artifacts.isEmpty() ? "" : ",").append("{\"file\":\"").append(name).append("\",\"bytes\":")
                    .append(bytes.length).append(",\"sha256\":\"").append(io.rootaudit.report.Digests.sha256(bytes)).append("\"}");
        }
        String organization = new String(files.get("manifest.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("(?s).*\"organizationId\" : \"([^\"]+)\".*", "$1");
        return ("{\"runId\":\"" + runId + "\",\"organizationId\":\"" + organization + "\",\"artifacts\":[" + artifacts + "]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Uploads {@code files} and {@code manifest} under a prefix of their own; returns its s3:// location. */
    private String upload(String name, Map<String, byte[]> files, byte[] manifest) {
        String prefix = "damaged/" + name + "/";
        files.forEach((file, bytes) -> {
            if (!file.equals("manifest.json")) {
                s3.putObject(p -> p.bucket("evidence-plain").key(prefix + file),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
            }
        });
        s3.putObject(p -> p.bucket("evidence-plain").key(prefix + "manifest.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(manifest));
        return "s3://evidence-plain/" + prefix;
    }
}

package io.rootaudit.report;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.aws.EndpointUnreachableException;
import io.rootaudit.aws.UploadTimeouts;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.AdditionalPrerequisites;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.store.RunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that talks to S3: publishes a run's evidence pack with SHA-256 checksums, encryption and
 * (optionally) Object Lock retention, then proves each upload with HeadObject; checks the bucket in
 * preflight; and reads a published pack back for {@code verify}.
 */
@Component
public class S3Publisher implements AdditionalPrerequisites {

    private static final Logger log = LoggerFactory.getLogger(S3Publisher.class);
    private static final String PROBE = ".rootaudit-write-check";

    private final Supplier<S3Client> s3;
    private final RootAuditProperties.S3 settings;
    private final RootAuditProperties.Aws aws;
    private final JsonMapper json;
    private final Clock clock;

    S3Publisher(AwsClients clients, RootAuditProperties properties, JsonMapper json, Clock clock) {
        this.s3 = clients::s3;
        this.settings = properties.report().s3();
        this.aws = properties.aws();
        this.json = json;
        this.clock = clock;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** {@code s3://bucket/<prefix>/<organization>/<period>/<run id>/} */
    public String location(RunRecord run) {
        return "s3://" + settings.bucket() + "/" + keyPrefix(run);
    }

    String keyPrefix(RunRecord run) {
        String prefix = settings.normalizedPrefix();
        return (prefix.isEmpty() ? "" : prefix + "/") + run.organizationId() + "/" + run.period() + "/" + run.runId() + "/";
    }

    /** The bucket exists, accepts our writes, and has Object Lock enabled when retention is configured. */
    @Override
    public List<PrerequisiteCheck> check() {
        if (!enabled()) {
            return List.of();
        }
        String bucket = settings.bucket();
        List<PrerequisiteCheck> checks = new ArrayList<>();
        try {
            s3.get().headBucket(b -> b.bucket(bucket));
            checks.add(AdditionalPrerequisites.passed("s3-bucket", "Evidence bucket exists", bucket));
        } catch (SdkException e) {
            checks.add(AdditionalPrerequisites.failed("s3-bucket", "Evidence bucket exists", bucket + ": " + describe(e), e,
                    "create the bucket or fix rootaudit.report.s3.bucket, and allow s3:ListBucket on it"));
            return checks;
        }
        PrerequisiteCheck write = writeCheck(bucket);
        checks.add(write);
        if (write.failed()) {
            return checks;
        }
        if (settings.objectLock().enabled()) {
            try {
                var config = s3.get().getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
                if (config != null && config.objectLockEnabled() == ObjectLockEnabled.ENABLED) {
                    checks.add(AdditionalPrerequisites.passed("s3-object-lock", "Object Lock enabled on the bucket", bucket));
                } else {
                    checks.add(objectLockMissing(bucket, "Object Lock is not enabled"));
                }
            } catch (SdkException e) {
                boolean denied = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
                        && ase.statusCode() == 403;
                checks.add(denied || EndpointUnreachableException.in(e).isPresent()
                        ? AdditionalPrerequisites.failed("s3-object-lock", "Object Lock enabled on the bucket",
                                bucket + ": " + describe(e), e, "allow s3:GetBucketObjectLockConfiguration on the bucket")
                        : objectLockMissing(bucket, describe(e)));
            }
        }
        return checks;
    }

    /**
     * Proves that the caller may write under the prefix without leaving anything there: it starts a multipart
     * upload of {@code <prefix>/.rootaudit-write-check} and aborts it. Starting one is authorized as
     * {@code s3:PutObject} (and, with SSE-KMS, needs {@code kms:GenerateDataKey}), like the evidence uploads, but an
     * upload that is never completed creates no object version: nothing a bucket's default Object Lock retention
     * could lock, no delete marker, and no delete permission needed.
     */
    private PrerequisiteCheck writeCheck(String bucket) {
        String key = (settings.normalizedPrefix().isEmpty() ? "" : settings.normalizedPrefix() + "/") + PROBE;
        String uploadId;
        try {
            uploadId = s3.get().createMultipartUpload(b -> b.bucket(bucket).key(key).serverSideEncryption(encryption())
                    .ssekmsKeyId(kmsKeyId())).uploadId();
        } catch (SdkException e) {
            return AdditionalPrerequisites.failed("s3-write", "Evidence bucket is writable", describe(e), e,
                    "allow s3:PutObject" + (kmsKeyId() == null ? "" : ", kms:GenerateDataKey and kms:Decrypt on the key")
                            + (settings.objectLock().enabled() ? ", s3:PutObjectRetention and s3:GetObjectRetention" : "")
                            + " to the caller (see config/iam-policy-evidence-bucket.json)");
        }
        try {
            s3.get().abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            return AdditionalPrerequisites.failed("s3-write", "Evidence bucket is writable",
                    "started a test upload to s3://" + bucket + "/" + key + " but could not abort it: " + describe(e), e,
                    "allow s3:AbortMultipartUpload to the caller (see config/iam-policy-evidence-bucket.json); the "
                            + "unfinished upload holds no data and is no object: remove it with aws s3api abort-multipart-upload "
                            + "--bucket " + bucket + " --key " + key + " --upload-id " + uploadId);
        }
        return AdditionalPrerequisites.passed("s3-write", "Evidence bucket is writable",
                "can write s3://" + bucket + "/" + key + " (a test upload was started and aborted: nothing is stored)");
    }

    private static PrerequisiteCheck objectLockMissing(String bucket, String detail) {
        return AdditionalPrerequisites.failed("s3-object-lock", "Object Lock enabled on the bucket", bucket + ": " + detail,
                "use a bucket created with Object Lock enabled, or remove rootaudit.report.s3.object-lock");
    }

    /**
     * Uploads every file of the manifest, the manifest itself and, when the pack is signed, its signature and
     * public key, each with its SHA-256 (S3 rejects a body that does not match), then checks each object's size,
     * checksum, encryption and retention.
     *
     * @throws PublishException naming the file that failed; the local pack is untouched
     */
    public String publish(RunRecord run, RunFolder folder) {
        Manifest manifest = json.readValue(folder.file(Manifest.FILE).toFile(), Manifest.class);
        Instant retainUntil = settings.objectLock().enabled()
                ? clock.instant().plus(Duration.ofDays(settings.objectLock().retainDays())).truncatedTo(ChronoUnit.SECONDS)
                : null;
        List<String> files = new ArrayList<>();
        manifest.artifacts().forEach(a -> files.add(a.file()));
        files.add(Manifest.FILE);
        for (String signature : List.of(PackSignature.FILE, PackSignature.PUBLIC_KEY_FILE)) {
            if (Files.isRegularFile(folder.file(signature))) {
                files.add(signature);
            }
        }
        for (String file : files) {
            Path path = folder.file(file);
            String key = keyPrefix(run) + file;
            try {
                long size = Files.size(path);
                String checksum = base64Sha256(path);
                s3.get().putObject(put(key, retainUntil).checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(checksum)
                        .contentLength(size).overrideConfiguration(UploadTimeouts.of(aws, size)).build(), RequestBody.fromFile(path));
                HeadObjectResponse head = s3.get().headObject(h -> h.bucket(settings.bucket()).key(key).checksumMode(ChecksumMode.ENABLED));
                verifyUpload(file, head, size, checksum, retainUntil);
                log.info("Published s3://{}/{} ({} bytes, verified)", settings.bucket(), key, size);
            } catch (SdkException e) {
                throw new PublishException("uploading " + file + " to s3://" + settings.bucket() + "/" + key + " failed: "
                        + describe(e), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return location(run);
    }

    private PutObjectRequest.Builder put(String key, Instant retainUntil) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(settings.bucket()).key(key);
        put.serverSideEncryption(encryption()).ssekmsKeyId(kmsKeyId());
        if (retainUntil != null) {
            put.objectLockMode(ObjectLockMode.fromValue(settings.objectLock().mode().name())).objectLockRetainUntilDate(retainUntil);
        }
        return put;
    }

    /** SSE-KMS when a key is configured, SSE-S3 otherwise. */
    private ServerSideEncryption encryption() {
        return kmsKeyId() == null ? ServerSideEncryption.AES256 : ServerSideEncryption.AWS_KMS;
    }

    /** The configured KMS key, or null for SSE-S3. */
    private String kmsKeyId() {
        return settings.kmsKeyId() == null || settings.kmsKeyId().isBlank() ? null : settings.kmsKeyId();
    }

    private void verifyUpload(String file, HeadObjectResponse head, long size, String checksum, Instant retainUntil) {
        List<String> problems = new ArrayList<>();
        if (!Objects.equals(head.contentLength(), size)) {
            problems.add("size " + head.contentLength() + " instead of " + size);
        }
        if (head.checksumSHA256() != null && !head.checksumSHA256().equals(checksum)) {
            problems.add("SHA-256 " + head.checksumSHA256() + " instead of " + checksum);
        }
        if (head.checksumSHA256() == null) {
            problems.add("no SHA-256 checksum stored");
        }
        ServerSideEncryption expected = encryption();
        if (head.serverSideEncryption() != expected) {
            problems.add("encryption " + head.serverSideEncryptionAsString() + " instead of " + expected);
        }
        if (retainUntil != null) {
            if (head.objectLockMode() == null || !head.objectLockMode().toString().equals(settings.objectLock().mode().name())) {
                problems.add("object lock mode " + head.objectLockModeAsString() + " instead of " + settings.objectLock().mode());
            }
            if (head.objectLockRetainUntilDate() == null || head.objectLockRetainUntilDate().isBefore(retainUntil)) {
                problems.add("retained until " + head.objectLockRetainUntilDate() + " instead of " + retainUntil);
            }
        }
        if (!problems.isEmpty()) {
            throw new PublishException(file + " was uploaded but does not check out: " + String.join("; ", problems), null);
        }
    }

    /**
     * Reads a published object, for {@code verify}.
     *
     * @throws NoSuchFileException when there is no such object, as a local file that is not there
     */
    InputStream open(String bucket, String key) throws NoSuchFileException {
        try {
            return s3.get().getObject(g -> g.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException("s3://" + bucket + "/" + key, null, describe(e));
        }
    }

    private static String base64Sha256(Path file) throws IOException {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Digests.sha256(file)));
    }

    private static String describe(SdkException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase && ase.awsErrorDetails() != null) {
            return ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** Publishing failed; the message names the file and the cause. */
    public static final class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * The timeouts of one upload. The attempt timeout covers sending the body too, and the evidence pack of a large
 * organization is several MB (results.json is about 12 MB for 10,000 accounts): each attempt of an upload gets the
 * time the body takes at {@value #SLOWEST_BYTES_PER_SECOND} bytes/s on top of {@code rootaudit.aws.attempt-timeout},
 * so a slow link still publishes while a dead one fails.
 */
public final class UploadTimeouts {

    /** The slowest upload rate allowed for, 128 KiB/s (about 1 Mbit/s). */
    static final long SLOWEST_BYTES_PER_SECOND = 128 * 1024;

    private UploadTimeouts() {}

    /** Use as {@code PutObjectRequest.builder().overrideConfiguration(UploadTimeouts.of(aws, size))}. */
    public static Consumer<AwsRequestOverrideConfiguration.Builder> of(RootAuditProperties.Aws aws, long bytes) {
        Duration transfer = Duration.ofMillis(Math.max(0, bytes) * 1000 / SLOWEST_BYTES_PER_SECOND);
        Duration attempt = aws.attemptTimeout().plus(transfer);
        Duration call = aws.callTimeout().plus(transfer.multipliedBy(aws.maxAttempts()));
        return o -> o.apiCallAttemptTimeout(attempt).apiCallTimeout(call);
    }
}

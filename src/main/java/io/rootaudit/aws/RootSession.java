package io.rootaudit.aws;

import java.time.Instant;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * A short-lived root session in one member account. The credentials stay inside: callers only get a
 * request customizer that signs with them, and {@link #redact} to scrub them from any text that might
 * be stored or logged. {@code toString} never shows them.
 */
public final class RootSession {

    private static final String REDACTED = "[REDACTED]";

    private final String accountId;
    private final TaskPolicy taskPolicy;
    private final Instant expiration;
    private final AwsSessionCredentials credentials;
    private final StaticCredentialsProvider provider;

    RootSession(String accountId, TaskPolicy taskPolicy, AwsSessionCredentials credentials, Instant expiration) {
        this.accountId = accountId;
        this.taskPolicy = taskPolicy;
        this.credentials = credentials;
        this.expiration = expiration;
        this.provider = StaticCredentialsProvider.create(credentials);
    }

    public String accountId() {
        return accountId;
    }

    public TaskPolicy taskPolicy() {
        return taskPolicy;
    }

    public Instant expiration() {
        return expiration;
    }

    /** Use as {@code XRequest.builder().overrideConfiguration(session.signing())} to call as root. */
    public Consumer<AwsRequestOverrideConfiguration.Builder> signing() {
        return o -> o.credentialsProvider(provider);
    }

    /** Replaces every occurrence of this session's key id, secret or token in {@code text}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(credentials.secretAccessKey(), REDACTED)
                .replace(credentials.sessionToken(), REDACTED)
                .replace(credentials.accessKeyId(), REDACTED);
    }

    @Override
    public String toString() {
        return "RootSession[account=" + accountId + ", task=" + taskPolicy.policyName() + ", expires=" + expiration + "]";
    }
}

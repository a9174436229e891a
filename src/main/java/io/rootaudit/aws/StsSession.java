package io.rootaudit.aws;

import java.time.Instant;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * A session STS handed out (a root session, a role session). The credentials stay inside: callers only get a request
 * customizer that signs with them, and {@link #redact} to scrub them from any text that might be stored or logged.
 * {@code toString} of a subclass never shows them.
 */
public abstract sealed class StsSession permits RootSession, ManagementAccountRole.Session {

    private final SessionCredentials credentials;
    private final Instant expiration;

    StsSession(SessionCredentials credentials, Instant expiration) {
        this.credentials = credentials;
        this.expiration = expiration;
    }

    public Instant expiration() {
        return expiration;
    }

    /** Use as {@code XRequest.builder().overrideConfiguration(session.signing())} to call in this session. */
    public Consumer<AwsRequestOverrideConfiguration.Builder> signing() {
        return credentials.signing();
    }

    /** Replaces every occurrence of this session's key id, secret or token in {@code text}. */
    public String redact(String text) {
        return credentials.redact(text);
    }
}

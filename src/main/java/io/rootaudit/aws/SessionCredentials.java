package io.rootaudit.aws;

import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Temporary credentials that STS handed out (a root session, a role session), kept in one place so that every session
 * signs and scrubs them the same way: callers get a request customizer, never the keys.
 */
final class SessionCredentials {

    private static final String REDACTED = "[REDACTED]";

    private final AwsSessionCredentials credentials;
    private final StaticCredentialsProvider provider;

    SessionCredentials(AwsSessionCredentials credentials) {
        this.credentials = credentials;
        this.provider = StaticCredentialsProvider.create(credentials);
    }

    static SessionCredentials of(Credentials c) {
        return new SessionCredentials(AwsSessionCredentials.builder()
                .accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretAccessKey())
                .sessionToken(c.sessionToken())
                .expirationTime(c.expiration())
                .build());
    }

    Consumer<AwsRequestOverrideConfiguration.Builder> signing() {
        return o -> o.credentialsProvider(provider);
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(credentials.secretAccessKey(), REDACTED)
                .replace(credentials.sessionToken(), REDACTED)
                .replace(credentials.accessKeyId(), REDACTED);
    }
}

package io.rootaudit.aws;

/**
 * The AWS APIs rootaudit calls, one client each, each with its own client-side rate limit
 * ({@code rootaudit.aws.rate-limits.<family>}) because AWS throttles each service on its own.
 */
public enum ApiFamily {
    STS, IAM, ORGANIZATIONS, S3, SQS;

    /** The name used in property keys and log lines, for example {@code organizations}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

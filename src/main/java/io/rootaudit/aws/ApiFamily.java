package io.rootaudit.aws;

import java.util.Locale;

/**
 * The AWS APIs rootaudit calls, one client each, each with its own client-side rate limit
 * ({@code rootaudit.aws.rate-limits.<family>}) because AWS throttles each service on its own.
 */
public enum ApiFamily {
    STS("STS"), IAM("IAM"), ORGANIZATIONS("Organizations"), S3("S3"), SQS("SQS"), KMS("KMS"),
    EVENTS("EventBridge"),
    SECURITY_HUB("Security Hub");

    private final String label;

    ApiFamily(String label) {
        this.label = label;
    }

    /** The name used in property keys and log lines, for example {@code organizations} or {@code security-hub}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The service's name as people write it, for example {@code Organizations}. */
    String label() {
        return label;
    }

    /**
     * The SDK's per-service endpoint variable: the service id in upper case without spaces, for example
     * {@code AWS_ENDPOINT_URL_ORGANIZATIONS}, {@code AWS_ENDPOINT_URL_EVENTBRIDGE} or {@code AWS_ENDPOINT_URL_SECURITYHUB}.
     */
    String endpointVariable() {
        return "AWS_ENDPOINT_URL_" + label.toUpperCase(Locale.ROOT).replace(" ", "");
    }
}

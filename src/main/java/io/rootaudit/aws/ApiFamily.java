package io.rootaudit.aws;

import java.util.Locale;

/**
 * The AWS APIs rootaudit calls, one client each, each with its own client-side rate limit
 * ({@code rootaudit.aws.rate-limits.<family>}) because AWS throttles each service on its own.
 */
public enum ApiFamily {
    STS("STS"), IAM("IAM"), ORGANIZATIONS("Organizations"), S3("S3"), SQS("SQS"), KMS("KMS"),
    EVENTS("EventBridge");

    private final String label;

    ApiFamily(String label) {
        this.label = label;
    }

    /** The name used in property keys and log lines, for example {@code organizations}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The service's name as people write it, for example {@code Organizations}. */
    String label() {
        return label;
    }

    /**
     * The SDK's per-service endpoint variable, named after the service id, for example
     * {@code AWS_ENDPOINT_URL_ORGANIZATIONS} or {@code AWS_ENDPOINT_URL_EVENTBRIDGE}.
     */
    String endpointVariable() {
        return "AWS_ENDPOINT_URL_" + label.toUpperCase(Locale.ROOT);
    }
}

package io.rootaudit.aws;

import java.util.Locale;

/**
 * The AWS APIs rootaudit calls, one client each, each with its own client-side rate limit
 * ({@code rootaudit.aws.rate-limits.<family>}) because AWS throttles each service on its own.
 */
public enum ApiFamily {
    STS("STS"), IAM("IAM"), ORGANIZATIONS("Organizations"), S3("S3"), SQS("SQS"), KMS("KMS");

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

    /** The SDK's per-service endpoint variable, for example {@code AWS_ENDPOINT_URL_ORGANIZATIONS}. */
    String endpointVariable() {
        return "AWS_ENDPOINT_URL_" + name();
    }
}

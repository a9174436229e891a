package io.rootaudit.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * AWS settings handed to one invocation instead of read from the process's environment: the endpoint, the
 * credentials and the region that {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID} and {@code AWS_REGION}
 * would give. Users never need it; {@code demo}, the benchmarks and the tests aim rootaudit at the emulator with it,
 * without changing JVM-wide settings that other invocations in the same JVM would see.
 */
public record AwsConnection(URI endpoint, AwsCredentialsProvider credentials, String region) {

    /** An emulator at {@code endpoint} with dummy keys and {@code us-east-1}. */
    public static AwsConnection emulator(String endpoint, String accessKeyId, String secretAccessKey) {
        return new AwsConnection(URI.create(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)), "us-east-1");
    }
}

package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the AWS clients once, with the SDK's default credential chain, the configured region, a shared
 * connection pool sized for the audit's concurrency, a client-side rate limit per API family and a retry
 * strategy that rides out throttling.
 * Endpoint overrides ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code aws.endpointUrl})
 * are applied by the SDK itself, so the same build talks to AWS, a VPC endpoint or an emulator.
 * Clients are lazy (here and at every injection point): commands that need no AWS, such as {@code history} or
 * {@code report}, never resolve a region or credentials.
 */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

    /** Calls per account that may be in flight at once: AssumeRoot, then five IAM reads in parallel. */
    private static final int CONNECTIONS_PER_ACCOUNT = 6;

    @Bean(destroyMethod = "close")
    @Lazy
    SdkHttpClient awsHttpClient(RootAuditProperties properties) {
        return ApacheHttpClient.builder()
                .maxConnections(properties.audit().concurrency() * CONNECTIONS_PER_ACCOUNT + 8)
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    @Bean
    AwsRegion awsRegion(RootAuditProperties properties) {
        return new AwsRegion(properties.aws().region());
    }

    @Bean(destroyMethod = "close")
    @Lazy
    StsClient stsClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters) {
        return StsClient.builder().httpClient(http).region(region.resolve())
                .overrideConfiguration(overrides(properties, limiters.of(ApiFamily.STS))).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    IamClient iamClient(SdkHttpClient http, RootAuditProperties properties, RateLimiters limiters) {
        // IAM is a global service: its endpoint lives in aws-global whatever region the audit runs in.
        return IamClient.builder().httpClient(http).region(Region.AWS_GLOBAL)
                .overrideConfiguration(overrides(properties, limiters.of(ApiFamily.IAM))).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    OrganizationsClient organizationsClient(SdkHttpClient http, RootAuditProperties properties, RateLimiters limiters) {
        return OrganizationsClient.builder().httpClient(http).region(Region.AWS_GLOBAL)
                .overrideConfiguration(overrides(properties, limiters.of(ApiFamily.ORGANIZATIONS))).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    S3Client s3Client(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters) {
        return S3Client.builder().httpClient(http).region(region.resolve())
                .forcePathStyle(properties.report().s3().pathStyle() != null ? properties.report().s3().pathStyle()
                        : EndpointOverrides.isOverridden("S3"))
                .overrideConfiguration(overrides(properties, limiters.of(ApiFamily.S3))).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    SqsClient sqsClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters) {
        return SqsClient.builder().httpClient(http).region(region.resolve()).overrideConfiguration(overrides(properties, limiters.of(ApiFamily.SQS))).build();
    }

    /**
     * Standard retries with exponential, jittered backoff, behind the family's client-side rate limit (see
     * {@link RateLimitedRetryStrategy}). The retry circuit breaker is off: under sustained throttling it would stop
     * retrying after a few hundred retries across all threads and turn healthy accounts into errors, while backing
     * off and slowing down is exactly what throttling asks for.
     */
    private static ClientOverrideConfiguration overrides(RootAuditProperties properties, AdaptiveRateLimiter limiter) {
        RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(properties.aws().maxAttempts())
                .circuitBreakerEnabled(false)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(10)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(250), Duration.ofSeconds(20)))
                .build();
        return ClientOverrideConfiguration.builder()
                .retryStrategy(new RateLimitedRetryStrategy(standard, limiter))
                .build();
    }
}

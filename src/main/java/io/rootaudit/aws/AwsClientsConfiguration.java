package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the AWS clients once, with the SDK's default credential chain, the configured region, a shared
 * connection pool sized for the audit's concurrency, a client-side rate limit per API family, a retry
 * strategy that rides out throttling, and timeouts on every call, so that an endpoint that does not answer fails the
 * request (and names the endpoint) instead of hanging the run.
 * IAM and Organizations are called on the global endpoints of the region's partition ({@link AwsPartition}).
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
        // A read that waits longer than an attempt may take is pointless: the attempt timeout ends it anyway.
        return ApacheHttpClient.builder()
                .maxConnections(properties.audit().concurrency() * CONNECTIONS_PER_ACCOUNT + 8)
                .connectionTimeout(properties.aws().connectTimeout())
                .socketTimeout(properties.aws().attemptTimeout())
                .build();
    }

    @Bean
    AwsRegion awsRegion(RootAuditProperties properties, ObjectProvider<AwsConnection> connection) {
        AwsConnection given = connection.getIfAvailable();
        String region = properties.aws().region();
        return new AwsRegion(region == null || region.isBlank() ? given == null ? null : given.region() : region);
    }

    @Bean(destroyMethod = "close")
    @Lazy
    StsClient stsClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters,
                   ObjectProvider<AwsConnection> connection) {
        return connect(StsClient.builder(), connection).httpClient(http).region(region.resolve())
                .overrideConfiguration(overrides(ApiFamily.STS, properties, limiters)).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    IamClient iamClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters,
                   ObjectProvider<AwsConnection> connection) {
        // IAM is a global service: its endpoint is the partition's, whatever region the audit runs in.
        return connect(IamClient.builder(), connection).httpClient(http).region(region.partition().iamRegion())
                .overrideConfiguration(overrides(ApiFamily.IAM, properties, limiters)).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    OrganizationsClient organizationsClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties,
                                            RateLimiters limiters, ObjectProvider<AwsConnection> connection) {
        return connect(OrganizationsClient.builder(), connection).httpClient(http).region(region.partition().organizationsRegion())
                .overrideConfiguration(overrides(ApiFamily.ORGANIZATIONS, properties, limiters)).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    S3Client s3Client(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters,
                   ObjectProvider<AwsConnection> connection) {
        return connect(S3Client.builder(), connection).httpClient(http).region(region.resolve())
                .forcePathStyle(properties.report().s3().pathStyle() != null ? properties.report().s3().pathStyle()
                        : EndpointOverrides.isOverridden("S3") || connection.getIfAvailable() != null)
                .overrideConfiguration(overrides(ApiFamily.S3, properties, limiters)).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    SqsClient sqsClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters,
                   ObjectProvider<AwsConnection> connection) {
        return connect(SqsClient.builder(), connection).httpClient(http).region(region.resolve())
                .overrideConfiguration(overrides(ApiFamily.SQS, properties, limiters)).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    KmsClient kmsClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties, RateLimiters limiters,
                        ObjectProvider<AwsConnection> connection) {
        return connect(KmsClient.builder(), connection).httpClient(http).region(region.resolve())
                .overrideConfiguration(overrides(ApiFamily.KMS, properties, limiters)).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    EventBridgeClient eventBridgeClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties,
                                        RateLimiters limiters, ObjectProvider<AwsConnection> connection) {
        return connect(EventBridgeClient.builder(), connection).httpClient(http).region(region.resolve())
                .overrideConfiguration(overrides(ApiFamily.EVENTS, properties, limiters)).build();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    SecurityHubClient securityHubClient(SdkHttpClient http, AwsRegion region, RootAuditProperties properties,
                                        RateLimiters limiters, ObjectProvider<AwsConnection> connection) {
        return connect(SecurityHubClient.builder(), connection).httpClient(http).region(region.resolve())
                .overrideConfiguration(overrides(ApiFamily.SECURITY_HUB, properties, limiters)).build();
    }

    /** The invocation's own endpoint and credentials ({@link AwsConnection}), when it has any; else the SDK's chains. */
    private static <B extends AwsClientBuilder<B, ?>> B connect(B builder, ObjectProvider<AwsConnection> connection) {
        AwsConnection given = connection.getIfAvailable();
        if (given != null) {
            builder.endpointOverride(given.endpoint()).credentialsProvider(given.credentials());
        }
        return builder;
    }

    /**
     * The retries of {@link RetryBudget#strategy}, an attempt timeout and a call timeout (every attempt, backoff and
     * rate-limit wait included), and the interceptor that reports an endpoint that never answered as such.
     */
    private static ClientOverrideConfiguration overrides(ApiFamily family, RootAuditProperties properties, RateLimiters limiters) {
        RootAuditProperties.Aws aws = properties.aws();
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryBudget.strategy(aws.maxAttempts(), limiters.of(family)))
                .apiCallAttemptTimeout(aws.attemptTimeout())
                .apiCallTimeout(aws.callTimeout())
                .addExecutionInterceptor(new EndpointFailureInterceptor(family, aws))
                .build();
    }
}

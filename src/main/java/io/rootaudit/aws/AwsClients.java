package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS clients, each built once on its first use, with the SDK's default credential chain, the configured region,
 * a shared connection pool sized for the audit's concurrency, a client-side rate limit per API family, a retry
 * strategy that rides out throttling, and timeouts on every call, so that an endpoint that does not answer fails the
 * request (and names the endpoint) instead of hanging the run.
 * IAM and Organizations are called on the global endpoints of the region's partition ({@link AwsPartition}).
 * Endpoint overrides ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code aws.endpointUrl})
 * are applied by the SDK itself, so the same build talks to AWS, a VPC endpoint or an emulator.
 * <p>
 * Built on first use so that commands that need no AWS, such as {@code history} or {@code report}, never resolve a
 * region or credentials. Not Spring beans: Spring inspects the methods of every bean type at start-up, and an SDK
 * client's interface names its service's whole model, so nine client beans (or {@code @Lazy} proxies of them) loaded
 * some 8,000 classes and cost 2 to 3 seconds of every start.
 */
@Component
public class AwsClients implements AutoCloseable {

    /** Calls per account that may be in flight at once: AssumeRoot, then five IAM reads in parallel. */
    private static final int CONNECTIONS_PER_ACCOUNT = 6;

    private final RootAuditProperties properties;
    private final AwsRegion region;
    private final RateLimiters limiters;
    private final AwsConnection connection;
    private final Supplier<SdkHttpClient> newHttpClient;
    private final Map<Class<?>, SdkAutoCloseable> built = new ConcurrentHashMap<>();
    private SdkHttpClient http;

    @Autowired
    AwsClients(RootAuditProperties properties, AwsRegion region, RateLimiters limiters,
               ObjectProvider<AwsConnection> connection) {
        this(properties, region, limiters, connection.getIfAvailable(), () -> apacheHttpClient(properties));
    }

    /** @param connection the invocation's own endpoint and credentials, or null for the SDK's chains */
    AwsClients(RootAuditProperties properties, AwsRegion region, RateLimiters limiters, AwsConnection connection,
               Supplier<SdkHttpClient> newHttpClient) {
        this.properties = properties;
        this.region = region;
        this.limiters = limiters;
        this.connection = connection;
        this.newHttpClient = newHttpClient;
    }

    public StsClient sts() {
        return client(StsClient.class, () -> build(StsClient.builder(), ApiFamily.STS, region.resolve()));
    }

    /** IAM is a global service: its endpoint is the partition's, whatever region the audit runs in. */
    public IamClient iam() {
        return client(IamClient.class, () -> build(IamClient.builder(), ApiFamily.IAM, region.partition().iamRegion()));
    }

    public OrganizationsClient organizations() {
        return client(OrganizationsClient.class, () -> build(OrganizationsClient.builder(), ApiFamily.ORGANIZATIONS,
                region.partition().organizationsRegion()));
    }

    public S3Client s3() {
        return client(S3Client.class, () -> build(S3Client.builder().forcePathStyle(
                properties.report().s3().pathStyle() != null ? properties.report().s3().pathStyle()
                        : EndpointOverrides.isOverridden("S3") || connection != null), ApiFamily.S3, region.resolve()));
    }

    public SqsClient sqs() {
        return client(SqsClient.class, () -> build(SqsClient.builder(), ApiFamily.SQS, region.resolve()));
    }

    public KmsClient kms() {
        return client(KmsClient.class, () -> build(KmsClient.builder(), ApiFamily.KMS, region.resolve()));
    }

    public EventBridgeClient eventBridge() {
        return client(EventBridgeClient.class, () -> build(EventBridgeClient.builder(), ApiFamily.EVENTS, region.resolve()));
    }

    public SecurityHubClient securityHub() {
        return client(SecurityHubClient.class, () -> build(SecurityHubClient.builder(), ApiFamily.SECURITY_HUB,
                region.resolve()));
    }

    /** Closes every client built so far, then their connection pool. */
    @Override
    public synchronized void close() {
        List<SdkAutoCloseable> clients = new ArrayList<>(built.values());
        built.clear();
        clients.forEach(SdkAutoCloseable::close);
        if (http != null) {
            http.close();
            http = null;
        }
    }

    /** Every AWS request asks for its client, so the built one is returned without taking the lock. */
    private <C extends SdkAutoCloseable> C client(Class<C> type, Supplier<C> builder) {
        SdkAutoCloseable client = built.get(type);
        if (client == null) {
            synchronized (this) {
                client = built.get(type);
                if (client == null) {
                    client = builder.get();
                    built.put(type, client);
                }
            }
        }
        return type.cast(client);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, ApiFamily family,
                                                                                      Region clientRegion) {
        if (http == null) {
            http = newHttpClient.get();
        }
        if (connection != null) {
            builder.endpointOverride(connection.endpoint()).credentialsProvider(connection.credentials());
        }
        return builder.httpClient(http).region(clientRegion).overrideConfiguration(overrides(family)).build();
    }

    /**
     * The retries of {@link RetryBudget#strategy}, an attempt timeout and a call timeout (every attempt, backoff and
     * rate-limit wait included), and the interceptor that reports an endpoint that never answered as such.
     */
    private ClientOverrideConfiguration overrides(ApiFamily family) {
        RootAuditProperties.Aws aws = properties.aws();
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryBudget.strategy(aws.maxAttempts(), limiters.of(family)))
                .apiCallAttemptTimeout(aws.attemptTimeout())
                .apiCallTimeout(aws.callTimeout())
                .addExecutionInterceptor(new EndpointFailureInterceptor(family, aws))
                .build();
    }

    private static SdkHttpClient apacheHttpClient(RootAuditProperties properties) {
        // A read that waits longer than an attempt may take is pointless: the attempt timeout ends it anyway.
        return ApacheHttpClient.builder()
                .maxConnections(properties.audit().concurrency() * CONNECTIONS_PER_ACCOUNT + 8)
                .connectionTimeout(properties.aws().connectTimeout())
                .socketTimeout(properties.aws().attemptTimeout())
                .build();
    }
}

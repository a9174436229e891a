package io.rootaudit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootaudit.config.RootAuditProperties;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointParams;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointProvider;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.endpoints.OrganizationsEndpointParams;
import software.amazon.awssdk.services.organizations.endpoints.OrganizationsEndpointProvider;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Per partition, what the real SDK clients built by {@link AwsClients} would send: the endpoint, the region
 * the request is signed for, and the task policy ARN in AssumeRoot, recorded by an HTTP client that sends nothing.
 */
class AwsPartitionTest {

    private static final String[] SDK_SETTINGS = {"aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey", "aws.region"};

    private final Map<String, String> saved = new HashMap<>();
    private final RecordingHttpClient http = new RecordingHttpClient();

    @BeforeEach
    void isolateFromTheSdkSettingsOfOtherTests() {
        for (String key : SDK_SETTINGS) {
            saved.put(key, System.getProperty(key));
            System.clearProperty(key);
        }
        System.setProperty("aws.accessKeyId", "AKIDPARTITIONTEST");
        System.setProperty("aws.secretAccessKey", "partition-test-secret");
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "us-east-1,      aws,        https://sts.us-east-1.amazonaws.com,      https://iam.amazonaws.com,               us-east-1,     https://organizations.us-east-1.amazonaws.com,          us-east-1",
            "eu-central-1,   aws,        https://sts.eu-central-1.amazonaws.com,   https://iam.amazonaws.com,               us-east-1,     https://organizations.us-east-1.amazonaws.com,          us-east-1",
            "cn-north-1,     aws-cn,     https://sts.cn-north-1.amazonaws.com.cn,  https://iam.cn-north-1.amazonaws.com.cn, cn-north-1,    https://organizations.cn-northwest-1.amazonaws.com.cn,  cn-northwest-1",
            "cn-northwest-1, aws-cn,     https://sts.cn-northwest-1.amazonaws.com.cn, https://iam.cn-north-1.amazonaws.com.cn, cn-north-1, https://organizations.cn-northwest-1.amazonaws.com.cn,  cn-northwest-1",
            "us-gov-west-1,  aws-us-gov, https://sts.us-gov-west-1.amazonaws.com,  https://iam.us-gov.amazonaws.com,        us-gov-west-1, https://organizations.us-gov-west-1.amazonaws.com,      us-gov-west-1",
            "us-gov-east-1,  aws-us-gov, https://sts.us-gov-east-1.amazonaws.com,  https://iam.us-gov.amazonaws.com,        us-gov-west-1, https://organizations.us-gov-west-1.amazonaws.com,      us-gov-west-1"})
    void eachPartitionHasItsOwnArnsAndGlobalEndpoints(String region, String partition, String sts, String iam, String iamSigning,
                                                      String organizations, String organizationsSigning) {
        Clients clients = clients(region);
        assertThat(clients.region.partition().id()).isEqualTo(partition);

        RecordingHttpClient.Sent assumeRoot = send(() -> new RootSessions(() -> clients.sts, clients.region)
                .open("111122223333", TaskPolicy.AUDIT_ROOT_USER_CREDENTIALS, Duration.ofMinutes(15)));
        assertThat(origin(assumeRoot.uri())).isEqualTo(sts);
        assertThat(assumeRoot.signingRegion()).isEqualTo(region);
        assertThat(assumeRoot.body()).contains("Action=AssumeRoot")
                .contains("TaskPolicyArn.arn=arn:" + partition + ":iam::aws:policy/root-task/IAMAuditRootUserCredentials");

        RecordingHttpClient.Sent features = send(() -> clients.iam.listOrganizationsFeatures(r -> {}));
        assertThat(origin(features.uri())).isEqualTo(iam);
        assertThat(features.signingRegion()).isEqualTo(iamSigning);
        assertThat(features.signingService()).isEqualTo("iam");

        RecordingHttpClient.Sent organization = send(() -> clients.organizations.describeOrganization());
        assertThat(origin(organization.uri())).isEqualTo(organizations);
        assertThat(organization.signingRegion()).isEqualTo(organizationsSigning);

        // the same endpoints the SDK's own rules give the partition's global pseudo-region (aws-global, aws-cn-global, ...)
        Region global = Region.of(partition + "-global");
        assertThat(IamEndpointProvider.defaultProvider().resolveEndpoint(IamEndpointParams.builder().region(global).build())
                .join().url()).isEqualTo(URI.create(iam));
        assertThat(OrganizationsEndpointProvider.defaultProvider()
                .resolveEndpoint(OrganizationsEndpointParams.builder().region(global).build()).join().url().toString())
                .startsWith(organizations);
    }

    /** AWS_ENDPOINT_URL (here its system property) still sends every client there, signed for the partition's regions. */
    @Test
    void anEndpointOverrideKeepsWorkingInEveryPartition() {
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:4566");
        Clients clients = clients("cn-north-1");
        RecordingHttpClient.Sent assumeRoot = send(() -> new RootSessions(() -> clients.sts, clients.region)
                .open("111122223333", TaskPolicy.DELETE_ROOT_USER_CREDENTIALS, Duration.ofMinutes(15)));
        RecordingHttpClient.Sent features = send(() -> clients.iam.listOrganizationsFeatures(r -> {}));
        RecordingHttpClient.Sent organization = send(() -> clients.organizations.describeOrganization());
        assertThat(origin(assumeRoot.uri())).isEqualTo("http://127.0.0.1:4566");
        assertThat(origin(features.uri())).isEqualTo("http://127.0.0.1:4566");
        assertThat(origin(organization.uri())).isEqualTo("http://127.0.0.1:4566");
        assertThat(assumeRoot.body()).contains("TaskPolicyArn.arn=arn:aws-cn:iam::aws:policy/root-task/IAMDeleteRootUserCredentials");
        // signed for real regions: AWS refuses a signature scoped to a pseudo-region such as aws-cn-global
        assertThat(assumeRoot.signingRegion()).isEqualTo("cn-north-1");
        assertThat(features.signingRegion()).isEqualTo("cn-north-1");
        assertThat(organization.signingRegion()).isEqualTo("cn-northwest-1");
    }

    @Test
    void taskPolicyArnsNameThePartition() {
        assertThat(TaskPolicy.SQS_UNLOCK_QUEUE_POLICY.arn(AwsPartition.AWS))
                .isEqualTo("arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy");
        assertThat(TaskPolicy.CREATE_ROOT_USER_PASSWORD.arn(AwsPartition.AWS_CN))
                .isEqualTo("arn:aws-cn:iam::aws:policy/root-task/IAMCreateRootUserPassword");
        assertThat(TaskPolicy.S3_UNLOCK_BUCKET_POLICY.arn(AwsPartition.AWS_US_GOV))
                .isEqualTo("arn:aws-us-gov:iam::aws:policy/root-task/S3UnlockBucketPolicy");
    }

    @Test
    void rootUserArnsAreRecognizedInEveryPartitionAndNothingElseIs() {
        assertThat(AwsPartition.isRootUserArn("arn:aws:iam::123456789012:root")).isTrue();
        assertThat(AwsPartition.isRootUserArn("arn:aws-cn:iam::123456789012:root")).isTrue();
        assertThat(AwsPartition.isRootUserArn("arn:aws-us-gov:iam::123456789012:root")).isTrue();
        assertThat(AwsPartition.isRootUserArn("arn:aws-cn:sts::123456789012:assumed-role/root/cron")).isFalse();
        assertThat(AwsPartition.isRootUserArn("arn:aws:iam::123456789012:user/root")).isFalse();
        assertThat(AwsPartition.isRootUserArn("arn:aws:sts::123456789012:assumed-root/IAMAuditRootUserCredentials/x")).isFalse();
        assertThat(AwsPartition.isRootUserArn(null)).isFalse();
    }

    @Test
    void regionsAreMappedByTheSdksPartitionMetadataIncludingRegionsNewerThanTheSdk() {
        assertThat(new AwsRegion("cn-future-9").partition()).isEqualTo(AwsPartition.AWS_CN);
        assertThat(new AwsRegion("us-gov-future-9").partition()).isEqualTo(AwsPartition.AWS_US_GOV);
        assertThat(new AwsRegion("eu-future-9").partition()).isEqualTo(AwsPartition.AWS);
    }

    @Test
    void aPartitionWithoutDocumentedCentralizedRootAccessIsAConfigurationError() {
        assertThatThrownBy(() -> new AwsRegion("us-iso-east-1").resolve())
                .isInstanceOf(AwsRegion.MissingRegionException.class)
                .hasMessageContaining("partition aws-iso").hasMessageContaining("rootaudit.aws.region");
    }

    private record Clients(AwsRegion region, StsClient sts, IamClient iam, OrganizationsClient organizations) {}

    private Clients clients(String region) {
        RootAuditProperties properties = BoundProperties.of(Map.of("rootaudit.aws.region", region,
                "rootaudit.aws.max-attempts", "1"));
        ObjectProvider<AwsConnection> noConnection = new StaticListableBeanFactory().getBeanProvider(AwsConnection.class);
        AwsRegion awsRegion = new AwsClientsConfiguration().awsRegion(properties, noConnection);
        AwsClients clients = new AwsClients(properties, awsRegion, new RateLimiters(properties), null, () -> http);
        return new Clients(awsRegion, clients.sts(), clients.iam(), clients.organizations());
    }

    private RecordingHttpClient.Sent send(Runnable call) {
        int before = http.sent().size();
        assertThatThrownBy(call::run).isInstanceOf(SdkClientException.class);
        assertThat(http.sent()).hasSize(before + 1);
        return http.last();
    }

    private static String origin(URI uri) {
        return EndpointFailureInterceptor.origin(uri);
    }
}

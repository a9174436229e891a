package io.rootaudit.aws;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRootResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

/**
 * The one place that calls sts:AssumeRoot. It turns (member account, task policy) into a
 * {@link RootSession} whose credentials never leave it. The task policy's ARN is the one of the region's partition.
 */
@Component
public class RootSessions {

    private final Supplier<StsClient> sts;
    private final AwsRegion region;

    @Autowired
    RootSessions(AwsClients clients, AwsRegion region) {
        this(clients::sts, region);
    }

    RootSessions(Supplier<StsClient> sts, AwsRegion region) {
        this.sts = sts;
        this.region = region;
    }

    /** The ARN AssumeRoot is given for {@code taskPolicy}, for example {@code arn:aws-cn:iam::aws:policy/root-task/...}. */
    public String taskPolicyArn(TaskPolicy taskPolicy) {
        return taskPolicy.arn(region.partition());
    }

    /**
     * Opens a root session in {@code accountId} limited to {@code taskPolicy}.
     *
     * @throws software.amazon.awssdk.awscore.exception.AwsServiceException when AWS refuses, for example
     *     AccessDenied because an SCP blocks the session or RootSessions is disabled
     */
    public RootSession open(String accountId, TaskPolicy taskPolicy, Duration duration) {
        AssumeRootResponse response = sts.get().assumeRoot(r -> r
                .targetPrincipal(accountId)
                .taskPolicyArn(PolicyDescriptorType.builder().arn(taskPolicyArn(taskPolicy)).build())
                .durationSeconds((int) duration.toSeconds()));
        Credentials c = response.credentials();
        return new RootSession(accountId, taskPolicy, SessionCredentials.of(c), c.expiration());
    }
}

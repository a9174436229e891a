package io.rootaudit.remediation;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.aws.RootSession;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The one place that reads and removes resource policies that lock everyone out, in the S3UnlockBucketPolicy
 * and SQSUnlockQueuePolicy root sessions: the only way back in when a policy denies every principal.
 */
@Component
public class PolicyUnlocker {

    private final Supplier<S3Client> s3;
    private final Supplier<SqsClient> sqs;

    PolicyUnlocker(AwsClients clients) {
        this.s3 = clients::s3;
        this.sqs = clients::sqs;
    }

    /** The bucket's policy, or empty when it has none (NoSuchBucketPolicy). */
    public Optional<String> bucketPolicy(RootSession session, String bucket) {
        try {
            return Optional.ofNullable(s3.get().getBucketPolicy(r -> r.bucket(bucket).overrideConfiguration(session.signing())).policy());
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "NoSuchBucketPolicy".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void deleteBucketPolicy(RootSession session, String bucket) {
        s3.get().deleteBucketPolicy(r -> r.bucket(bucket).overrideConfiguration(session.signing()));
    }

    /** The queue's Policy attribute, or empty when it has none. */
    public Optional<String> queuePolicy(RootSession session, String queueUrl) {
        String policy = sqs.get().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.POLICY)
                .overrideConfiguration(session.signing())).attributes().get(QueueAttributeName.POLICY);
        return policy == null || policy.isBlank() ? Optional.empty() : Optional.of(policy);
    }

    public void removeQueuePolicy(RootSession session, String queueUrl) {
        sqs.get().setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, ""))
                .overrideConfiguration(session.signing()));
    }
}

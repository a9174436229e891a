package io.rootaudit.aws;

/** The AWS managed task policies that scope an sts:AssumeRoot session to one privileged task. */
public enum TaskPolicy {
    AUDIT_ROOT_USER_CREDENTIALS("IAMAuditRootUserCredentials"),
    DELETE_ROOT_USER_CREDENTIALS("IAMDeleteRootUserCredentials"),
    CREATE_ROOT_USER_PASSWORD("IAMCreateRootUserPassword"),
    S3_UNLOCK_BUCKET_POLICY("S3UnlockBucketPolicy"),
    SQS_UNLOCK_QUEUE_POLICY("SQSUnlockQueuePolicy");

    private final String policyName;

    TaskPolicy(String policyName) {
        this.policyName = policyName;
    }

    public String policyName() {
        return policyName;
    }

    /** The policy's ARN in {@code partition}: AWS managed policies have one ARN per partition. */
    public String arn(AwsPartition partition) {
        return partition.managedPolicyArn("root-task/" + policyName);
    }
}

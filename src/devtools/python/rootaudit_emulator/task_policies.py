"""The root task policies ``AssumeRoot`` accepts and the actions each one allows.

A task policy ARN names the partition of the STS endpoint it is sent to
(``arn:aws-cn:iam::aws:policy/root-task/...`` in China). S3UnlockBucketPolicy allows
only s3 GetBucketPolicy, PutBucketPolicy, DeleteBucketPolicy and ListBuckets (IAM
action ListAllMyBuckets); SQSUnlockQueuePolicy allows only sqs GetQueueAttributes,
SetQueueAttributes, GetQueueUrl and ListQueues. ``root_sessions`` enforces them.
"""

import re

TASK_POLICY_ARN = re.compile(r"arn:(aws|aws-cn|aws-us-gov):iam::aws:policy/root-task/([A-Za-z0-9]+)")
AUDIT_ACTIONS = frozenset(
    {
        "GetUser",
        "GetLoginProfile",
        "ListAccessKeys",
        "GetAccessKeyLastUsed",
        "ListSigningCertificates",
        "ListMFADevices",
        "GetAccountSummary",
    }
)
# task policy name -> {service: allowed actions}
TASK_POLICIES = {
    "IAMAuditRootUserCredentials": {"iam": AUDIT_ACTIONS},
    "IAMDeleteRootUserCredentials": {
        "iam": AUDIT_ACTIONS
        | {"DeleteLoginProfile", "DeleteAccessKey", "DeleteSigningCertificate", "DeactivateMFADevice"}
    },
    "IAMCreateRootUserPassword": {"iam": frozenset({"CreateLoginProfile", "GetLoginProfile"})},
    "S3UnlockBucketPolicy": {
        "s3": frozenset({"GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "ListBuckets"})
    },
    "SQSUnlockQueuePolicy": {
        "sqs": frozenset({"GetQueueAttributes", "SetQueueAttributes", "GetQueueUrl", "ListQueues"})
    },
}
# API operation -> IAM action name where they differ (for AccessDenied messages).
TASK_ACTION_NAMES = {("s3", "ListBuckets"): "ListAllMyBuckets"}

"""SQS: no moto patch; the queue scope of root sessions.

SQS requests of a root session reach the member account's moto backends through the
access-key index (``routing``). The SQSUnlockQueuePolicy session acts only on the
member account's own queues: a QueueUrl or QueueOwnerAWSAccountId of another account
is AccessDenied. moto does not enforce queue policies on these calls, so a "locked"
policy (Deny Principal * Action sqs:*) can be read and removed, as root can in AWS.
"""

import re

_QUEUE_URL = re.compile(r"/(\d{12})/([^/?#]+)/?$")


def foreign_queue_arn(params, account_id):
    """The ARN of the queue a request names if an account other than ``account_id`` owns it, else None."""
    m = _QUEUE_URL.search(params.get("QueueUrl") or "")
    owner = m.group(1) if m else params.get("QueueOwnerAWSAccountId")
    if owner and owner != account_id:
        name = m.group(2) if m else params.get("QueueName", "*")
        return "arn:aws:sqs:*:%s:%s" % (owner, name)
    return None

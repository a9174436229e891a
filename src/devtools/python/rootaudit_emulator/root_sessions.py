"""The rules every request signed with a root-session key must pass before moto sees it.

moto never checks signatures or session tokens, so the middleware applies these.
Root sessions: expired (emulator clock) -> ExpiredToken 403; an action outside the
task policy (any service) -> AccessDenied 403. The IAM task policies act on the root
user only; the unlock task policies act only on the member account's own buckets and
queues (see ``services.s3`` and ``services.sqs``).
"""

from .services import s3, sqs
from .state import STATE
from .task_policies import TASK_ACTION_NAMES, TASK_POLICIES


def check_root_session(info, session):
    """Return (code, message, status) if the root session may not make this request."""
    if STATE.now() >= session.expiration:
        return ("ExpiredToken", "The security token included in the request is expired", 403)
    if info.service == "sts" and info.action == "GetCallerIdentity":
        return None
    allowed = TASK_POLICIES[session.task].get(info.service, frozenset())
    iam_action = TASK_ACTION_NAMES.get((info.service, info.action), info.action)

    def denied(resource="arn:aws:iam::%s:root" % session.account_id, why="no identity-based policy allows"):
        return (
            "AccessDenied",
            "User: %s is not authorized to perform: %s:%s on resource: %s because %s the %s:%s action"
            % (session.arn, info.service, iam_action, resource, why, info.service, iam_action),
            403,
        )

    if info.action not in allowed:
        return denied()
    if info.service == "iam" and info.params.get("UserName") not in (None, "", "root"):
        return denied()  # task policies are scoped to the root user only
    # The unlock task policies act on the member account's own buckets/queues: moto would let a
    # session reach another account's bucket (shared bucket namespace), AWS denies it.
    foreign = None
    if info.service == "s3":
        foreign = s3.foreign_bucket_arn(info.bucket, session.account_id)
    elif info.service == "sqs":
        foreign = sqs.foreign_queue_arn(info.params, session.account_id)
    if foreign is not None:
        return denied(foreign, "no resource-based policy allows")
    return None

"""STS: ``AssumeRoot``, and ``GetCallerIdentity`` inside a root session.

``sts:AssumeRoot`` is added to ``moto.sts.responses.TokenResponse`` (moto's
``call_action`` dispatches ``Action=AssumeRoot`` to a method named ``assume_root``;
responses are serialized by moto from botocore's model). The answer is a temporary
key created in the *target* account's IAM backend, so every later call signed with
it lands in that account (see ``routing``).

Partitions: the partition of a request's region (SigV4 scope: cn-* -> aws-cn, us-gov-* ->
aws-us-gov, else aws) must be the one of AssumeRoot's task policy ARN
(arn:aws-cn:iam::aws:policy/root-task/... in China), else ValidationError; a root session's
GetCallerIdentity and GetUser ARNs use it too (arn:aws-cn:iam::<acct>:root).
"""

import base64
import datetime as dt
import re
import secrets

from moto.core.responses import ActionResult
from moto.iam.models import iam_backends
from moto.organizations.models import organizations_backends
from moto.sts.responses import TokenResponse

from ..errors import AwsError
from ..state import STATE, RootSession, session_of
from ..task_policies import TASK_POLICIES, TASK_POLICY_ARN
from .iam import FEATURE_SESSIONS
from .organizations import account_view, has_iam_trusted_access, is_iam_delegated_admin, org_backend_of

MAX_ROOT_SESSION_SECONDS = 900


def _sts_denied(message):
    return AwsError("AccessDenied", message, 403, "sts")


def do_assume_root(resp):
    caller_key = resp.get_access_key()
    if caller_key in STATE.sessions:
        raise _sts_denied("Root user credentials cannot be used to call AssumeRoot.")
    caller = resp.current_account
    target = resp._get_param("TargetPrincipal") or ""
    match = re.search(r"(\d{12})", target)
    target_id = match.group(1) if match else target
    task_arn = resp._get_param("TaskPolicyArn.arn") or resp._get_param("TaskPolicyArn.Arn")
    if task_arn is None:
        # automated parameter parsing may hand us the structure instead
        tp = resp._get_param("TaskPolicyArn")
        task_arn = tp.get("arn") if isinstance(tp, dict) else tp
    raw_duration = resp._get_param("DurationSeconds")
    try:
        duration = MAX_ROOT_SESSION_SECONDS if raw_duration in (None, "") else int(raw_duration)
    except (TypeError, ValueError):
        raise AwsError("ValidationError", "DurationSeconds must be an integer.", 400, "sts")
    if duration > MAX_ROOT_SESSION_SECONDS or duration < 0:
        raise AwsError(
            "ValidationError",
            "1 validation error detected: Value '%s' at 'durationSeconds' failed to satisfy constraint: "
            "Member must have value less than or equal to %d" % (duration, MAX_ROOT_SESSION_SECONDS),
            400,
            "sts",
        )
    match = TASK_POLICY_ARN.fullmatch(task_arn or "")
    task = match.group(2) if match and match.group(1) == resp.partition else None
    if task not in TASK_POLICIES:
        raise AwsError(
            "ValidationError",
            "The task policy ARN %s is not a supported root task policy." % task_arn,
            400,
            "sts",
        )
    backend = org_backend_of(caller)
    if backend is None:
        raise _sts_denied("Account %s is not a member of an organization." % caller)
    org = backend.org
    if caller != org.master_account_id and not is_iam_delegated_admin(backend, caller):
        raise _sts_denied(
            "User: arn:aws:iam::%s:user/caller is not authorized to perform: sts:AssumeRoot: the account is "
            "neither the management account nor the delegated administrator for IAM." % caller
        )
    if not has_iam_trusted_access(backend) or FEATURE_SESSIONS not in STATE.features.get(org.id, ()):
        raise _sts_denied(
            "Centralized root access (RootSessions) is not enabled for organization %s." % org.id
        )
    if target_id == org.master_account_id:
        raise _sts_denied("AssumeRoot cannot target the management account %s." % target_id)
    account = account_view(backend)[1].get(target_id)
    if account is None or target_id not in organizations_backends.master_accounts:
        raise _sts_denied("Account %s is not a member account of organization %s." % (target_id, org.id))
    state = getattr(account, "state", account.status)
    if state != "ACTIVE":
        raise _sts_denied("Account %s is %s; AssumeRoot requires an ACTIVE account." % (target_id, state))

    key = iam_backends[target_id]["global"].create_temp_access_key()
    expiration = STATE.now() + dt.timedelta(seconds=duration)
    token = base64.b64encode(secrets.token_bytes(96)).decode()
    with STATE.lock:
        STATE.key_index[key.access_key_id] = target_id
        STATE.sessions[key.access_key_id] = RootSession(key.access_key_id, target_id, caller, task, expiration,
                                                        key.secret_access_key, token)
    return {
        "Credentials": {
            "AccessKeyId": key.access_key_id,
            "SecretAccessKey": key.secret_access_key,
            "SessionToken": token,
            "Expiration": expiration,
        },
        "SourceIdentity": None,
    }


def install():
    def assume_root(self):
        return ActionResult(do_assume_root(self))

    TokenResponse.assume_root = assume_root

    orig_get_caller_identity = TokenResponse.get_caller_identity

    def get_caller_identity(self):
        session = session_of(self)
        if session is None:
            return orig_get_caller_identity(self)
        acct = session.account_id
        return ActionResult({"UserId": acct, "Account": acct, "Arn": "arn:%s:iam::%s:root" % (self.partition, acct)})

    TokenResponse.get_caller_identity = get_caller_identity

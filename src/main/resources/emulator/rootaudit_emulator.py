#!/usr/bin/env python3
"""rootaudit loopback AWS emulator: moto 5.2.1 + centralized root access.

Run:  python3 rootaudit_emulator.py [--host 127.0.0.1] [--port 0] [--exit-on-stdin-eof] [--verbose]

Once listening it prints exactly one line ``ROOTAUDIT_EMULATOR_READY port=<n>`` on
stdout. It stops cleanly on SIGTERM/SIGINT and, with ``--exit-on-stdin-eof``, when
its stdin reaches EOF (so a parent JVM that dies does not leave it running).
Exit code 3: moto (``pip install 'moto[server]==5.2.1'``) missing or wrong version.

This file is self-contained on purpose: it ships inside the rootaudit jar and is
extracted to a temporary directory by the ``demo`` command.

Design
------
* One werkzeug threaded WSGI server serves every moto service (moto's own
  ``DomainDispatcherApplication``) on one loopback port.
* ``EmulatorMiddleware`` sits in front of moto. It serves the control endpoints
  under ``/_rootaudit/``, counts AWS requests by action, injects latency and
  faults, and enforces root-session rules (expiry via the emulator clock, task
  policy scope) *before* moto sees a request. moto never checks signatures, so
  these checks have to live here.
* moto is extended in-process (all patches are in ``install_moto_patches``):
  - ``sts:AssumeRoot`` is added to ``moto.sts.responses.TokenResponse``
    (moto's ``call_action`` dispatches ``Action=AssumeRoot`` to a method named
    ``assume_root``; responses are serialized by moto from botocore's model).
  - The IAM root-user actions (GetUser, GetLoginProfile, ListAccessKeys, ...) of
    ``moto.iam.responses.IamResponse`` are wrapped: requests signed with a root
    session key are answered from the emulator's root-user state of the target
    account; every other request goes to moto unchanged.
  - S3 and SQS requests of a root session reach the member account's moto
    backends through the same key index (no patch needed). The middleware
    enforces the task policy: S3UnlockBucketPolicy allows only s3
    GetBucketPolicy, PutBucketPolicy, DeleteBucketPolicy and ListBuckets
    (IAM action ListAllMyBuckets); SQSUnlockQueuePolicy allows only sqs
    GetQueueAttributes, SetQueueAttributes, GetQueueUrl and ListQueues. Both act
    only on the member account's own buckets/queues (moto's shared bucket
    namespace would otherwise reach other accounts' buckets): a bucket owned by
    another account (path-style addressing), or a QueueUrl /
    QueueOwnerAWSAccountId of another account, is AccessDenied. moto does not
    enforce bucket or queue policies on these calls, so a "locked" policy
    (Deny Principal * Action s3:*/sqs:*) can be read and removed, as root can
    in AWS.
  - The IAM organization-features actions (ListOrganizationsFeatures,
    Enable/DisableOrganizationsRoot*) are added to ``IamResponse``.
  - ``moto.iam.models.get_account_id_from`` (how moto maps the access key of a
    request to an account) is replaced by a dict index, because moto's version
    scans every account's IAM backend on every request (O(accounts)). The index
    is fed by hooks on the only IAMBackend methods that add/remove access keys.
  - Organizations: ``iam.amazonaws.com`` is accepted for trusted access and
    delegated administration; ListAccounts/ListAccountsForParent paginate by
    position (moto's paginator keys ListAccounts on JoinedTimestamp, which is
    not unique for bulk-created accounts and would loop forever) and account
    lookups use a cached id index.

Control endpoints (JSON in/out; errors are ``{"error": "..."}`` with 400/404/409)
---------------------------------------------------------------------------------
POST   /_rootaudit/reset                 reset moto and all emulator state -> {}
POST   /_rootaudit/organization          build an organization in one call (see
                                         ``build_organization``) -> {organizationId,
                                         managementAccountId, rootId, ous{key:id},
                                         accounts{key:id}}
PUT    /_rootaudit/root-state/<acct>     set the root-user state of an account
GET    /_rootaudit/root-state/<acct>     read it back (normalized)
POST   /_rootaudit/credentials/<acct>    create an IAM user key in that account ->
                                         {accessKeyId, secretAccessKey}
POST   /_rootaudit/bucket/<acct>         {"name", "policy": json text|object|null, "region"?}
                                         create an S3 bucket owned by that account ->
                                         {accountId, name, region, arn, policy}; 409 if the
                                         name exists in any account; 400 if policy is not JSON
GET    /_rootaudit/bucket/<acct>/<name>  -> {accountId, name, policy: text|null}; 404 unless
                                         that account owns the bucket
POST   /_rootaudit/queue/<acct>          {"name", "policy": json text|object|null, "region"?
                                         (default us-east-1)} create an SQS queue there ->
                                         {accountId, name, region, queueUrl, arn, policy};
                                         409 if it exists in that account and region
GET    /_rootaudit/queue/<acct>/<name>   -> {accountId, name, region, queueUrl, policy:
                                         text|null} (first region holding it); 404 if none
POST   /_rootaudit/faults                add a fault -> {id}; GET lists; DELETE clears
POST   /_rootaudit/latency               {"millis": n} delay for every AWS request;
                                         GET -> {"millis": n}
POST   /_rootaudit/clock                 {"advanceSeconds": n} -> {"now": iso}; GET -> {"now"}
GET    /_rootaudit/sessions              credentials of every root session issued (test support only)
GET    /_rootaudit/stats                 {"requests": {action: n}, "total": n, "spanSeconds": {action: s}}
                                         (s = time from an action's first to its last request); DELETE resets
GET    /_rootaudit/health                {"status": "ok", "port": n}

Organization body (everything optional)::

  {"managementAccountId": "123456789012", "managementAccountName": "Management",
   "managementEmail": "...", "featureSet": "ALL"|"CONSOLIDATED_BILLING",
   "trustedAccess": true, "rootCredentialsManagement": true, "rootSessions": true,
   "ous": [{"key", "name", "parent": key|null}],
   "accounts": [{"key", "id"?, "name", "email", "ou": key|null, "state": ACTIVE|SUSPENDED|
                 PENDING_CLOSURE|CLOSED|PENDING_ACTIVATION, "tags": {}, "joinedTimestamp": iso,
                 "joinedMethod": "CREATED"|"INVITED", "root": <root-user state>|null}],
   "delegatedAdministrator": account key or id (IAM delegated administrator)}

  Booleans default to true. Account Status follows State (CLOSED -> SUSPENDED,
  PENDING_ACTIVATION -> ACTIVE). Accounts are listed in JoinedTimestamp order; by
  default they get distinct timestamps in input order. 409 if an organization
  already exists (reset first); on a 400 nothing is left behind.

Fault body: {"action": "AssumeRoot"|"*", "service": "sts"?, "target": "<acct>"?,
  "code"?, "status"?, "message"?, "count"?, "rate"?, "perSecond"?, "delayMillis"?}. A request matches when the
  action (query ``Action``, the ``X-Amz-Target`` operation, or an S3 operation name
  derived from method/path) and the service (SigV4 credential scope) match and the
  target is the AssumeRoot TargetPrincipal, the Organizations ``ResourceId`` or
  ``AccountId`` (e.g. ListTagsForResource, DescribeAccount), or the account the
  request's key maps to (for a root session: the member account). ``count`` bounds how many requests
  fail (absent: all), ``rate`` makes each match fail with that probability,
  ``perSecond`` makes only the matches beyond that many per second fail (a quota:
  token bucket with one second of burst, like AWS's request-rate quotas). The
  first matching fault wins. Default code/status: Throttling/400 (query),
  TooManyRequestsException/400 (JSON), RequestThrottled/400 (SQS JSON), SlowDown/503 (S3).
  Faults are checked before root-session rules, so e.g. ``{"action":
  "DeleteLoginProfile", "target": "<member>", "code": "InvalidInput", "status": 400,
  "message": "MFA device is invalid", "count": 2}`` makes the next two deletes of
  that account's root password fail (the reported post-recovery MFA pitfall).
  ``delayMillis`` (0..600000) holds each matching request that long before it is answered: with
  neither ``code`` nor ``status`` the request is then answered normally (a slow or, with a delay
  longer than the client waits, hanging endpoint for one account or action), otherwise with the
  fault's error. E.g. ``{"action": "GetUser", "target": "<member>", "delayMillis": 30000}``.

Error formats: query XML ``<ErrorResponse>`` (IAM, STS, query-protocol SQS); awsJson
1.1 ``{"__type", "message"}`` + ``x-amzn-ErrorType`` (Organizations; AccessDenied and
ExpiredToken become AccessDeniedException/ExpiredTokenException); SQS awsJson 1.0 with
the awsQueryCompatible header ``x-amzn-query-error: <code>;Sender`` so SDKs report
the query code (AccessDenied, ExpiredToken, or the fault's code); S3 ``<Error>`` XML.
Root sessions: expired (emulator clock) -> ExpiredToken 403; an action outside the
task policy (any service) -> AccessDenied 403.

Partitions: the partition of a request's region (SigV4 scope: cn-* -> aws-cn, us-gov-* ->
aws-us-gov, else aws) must be the one of AssumeRoot's task policy ARN
(arn:aws-cn:iam::aws:policy/root-task/... in China), else ValidationError; a root session's
GetCallerIdentity and GetUser ARNs use it too (arn:aws-cn:iam::<acct>:root).

Root-session IAM semantics: delete calls return NoSuchEntity 404 when the item is
already gone; DeactivateMFADevice removes the device from ListMFADevices;
DeleteVirtualMFADevice is AccessDenied in every task; CreateLoginProfile (no
password allowed) stamps CreateDate = emulator now (whole seconds) and answers
EntityAlreadyExists 409 when root already has a password.

Root-user state JSON (all fields optional)::

  {"createDate": iso, "password": {"createDate": iso, "lastUsed": iso|null,
   "passwordResetRequired": false} | null,
   "accessKeys": [{"id", "status", "createDate", "lastUsed", "service", "region"}],
   "signingCertificates": [{"id", "status", "uploadDate"}],
   "mfaDevices": [{"serial", "enableDate"}]}
"""

from __future__ import annotations

import sys

REQUIRED_MOTO_VERSION = "5.2.1"
INSTALL_HINT = "pip install 'moto[server]==%s'" % REQUIRED_MOTO_VERSION


def _require_moto() -> None:
    """Exit 3 with an install hint unless moto 5.2.1 and its server extras are importable."""
    try:
        from importlib.metadata import version

        found = version("moto")
        import flask  # noqa: F401  (moto[server] extra)
        import moto  # noqa: F401
        import werkzeug  # noqa: F401
    except Exception as exc:  # ImportError, PackageNotFoundError
        sys.stderr.write(
            "rootaudit emulator: moto %s with its server extras is required (%s).\n"
            "Install it with: %s\n" % (REQUIRED_MOTO_VERSION, exc, INSTALL_HINT)
        )
        sys.exit(3)
    if found != REQUIRED_MOTO_VERSION:
        sys.stderr.write(
            "rootaudit emulator: moto %s is installed but exactly %s is required "
            "(the emulator patches moto internals).\nInstall it with: %s\n"
            % (found, REQUIRED_MOTO_VERSION, INSTALL_HINT)
        )
        sys.exit(3)


_require_moto()

import argparse  # noqa: E402
import base64  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import string  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections import Counter  # noqa: E402
from urllib.parse import parse_qs  # noqa: E402
from xml.sax.saxutils import escape as xml_escape  # noqa: E402

from moto.core.exceptions import ServiceException  # noqa: E402
from werkzeug.exceptions import HTTPException  # noqa: E402

UTC = dt.timezone.utc
DEFAULT_ACCOUNT_ID = "123456789012"  # moto's account for unknown (dummy) keys
IAM_PRINCIPAL = "iam.amazonaws.com"
FEATURE_CREDS = "RootCredentialsManagement"
FEATURE_SESSIONS = "RootSessions"
MAX_ROOT_SESSION_SECONDS = 900

# A task policy ARN names the partition of the STS endpoint it is sent to (arn:aws-cn:... in China).
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

log = logging.getLogger("rootaudit.emulator")


# --------------------------------------------------------------------------- time


def parse_time(value, default=None):
    """ISO-8601 string (``Z`` allowed) or None -> aware UTC datetime (or ``default``)."""
    if value is None or value == "":
        return default
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def iso(value):
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def naive_utc(value):
    """moto keeps naive UTC datetimes (moto.core.utils.utcnow)."""
    return value.astimezone(UTC).replace(tzinfo=None)


def _random_id(prefix, length, alphabet=string.ascii_uppercase + string.digits):
    return prefix + "".join(random.choice(alphabet) for _ in range(length - len(prefix)))


# -------------------------------------------------------------------------- errors


class AwsError(HTTPException):
    """An AWS error with a protocol-correct body and an explicit HTTP status.

    Raised from inside moto response methods: moto's ``call_action`` turns a
    werkzeug ``HTTPException`` into (description, status, headers) verbatim.
    (moto's own ``ServiceException`` takes the status from botocore's model,
    which does not model AccessDenied/ValidationError, so they would become 400.)
    """

    def __init__(self, code, message, status=400, service="iam"):
        self.aws_code = code
        self.aws_message = message
        self.code = status
        self.service = service
        status_, headers, body = render_error("query", service, code, message, status)
        self._headers = headers
        super().__init__(description=body)

    def get_headers(self, environ=None, scope=None):
        return list(self._headers.items())

    def get_body(self, environ=None, scope=None):
        return self.description


_QUERY_NS = {
    "iam": "https://iam.amazonaws.com/doc/2010-05-08/",
    "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
    "sqs": "http://queue.amazonaws.com/doc/2012-11-05/",
}


def render_error(protocol, service, code, message, status):
    """Render an AWS error as (status, headers, body) in the service's wire protocol.

    protocol: "query" (STS/IAM/query-SQS: <ErrorResponse>), "json" (awsJson:
    Organizations 1.1, SQS 1.0), or "s3" (S3 REST-XML <Error>).

    SQS is awsJson1_0 with the ``awsQueryCompatible`` trait: AWS sends the JSON
    ``__type`` (e.g. ``com.amazon.coral.service#AccessDeniedException``) plus an
    ``x-amzn-query-error: <query code>;Sender`` header, and botocore and the AWS
    SDK for Java v2 report the query code from that header (``AccessDenied``).
    For SQS, ``code`` is the query code; the ``__type`` is derived from it.
    """
    request_id = str(uuid.uuid4())
    if protocol == "json" and service == "sqs":
        json_type = SQS_JSON_TYPES.get(code, "com.amazonaws.sqs#" + code)
        body = json.dumps({"__type": json_type, "message": message})
        headers = {
            "Content-Type": "application/x-amz-json-1.0",
            "x-amzn-ErrorType": json_type,
            "x-amzn-query-error": "%s;%s" % (code, "Sender" if int(status) < 500 else "Receiver"),
            "x-amzn-RequestId": request_id,
        }
    elif protocol == "json":
        body = json.dumps({"__type": code, "message": message, "Message": message})
        headers = {
            "Content-Type": "application/x-amz-json-1.1",
            "x-amzn-ErrorType": code,
            "x-amzn-RequestId": request_id,
        }
    elif protocol == "s3":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message>'
            "<RequestId>%s</RequestId><HostId>%s</HostId></Error>"
            % (xml_escape(code), xml_escape(message), request_id, request_id)
        )
        headers = {"Content-Type": "application/xml", "x-amz-request-id": request_id}
    else:
        fault = "Sender" if int(status) < 500 else "Receiver"
        body = (
            '<ErrorResponse xmlns="%s"><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message>'
            "</Error><RequestId>%s</RequestId></ErrorResponse>"
            % (
                _QUERY_NS.get(service, _QUERY_NS["iam"]),
                fault,
                xml_escape(code),
                xml_escape(message),
                request_id,
            )
        )
        headers = {"Content-Type": "text/xml", "x-amzn-RequestId": request_id}
    return int(status), headers, body


class ControlError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


# --------------------------------------------------------------------------- state


class RootSession:
    __slots__ = ("access_key_id", "account_id", "caller_account_id", "task", "expiration", "secret", "token")

    def __init__(self, access_key_id, account_id, caller_account_id, task, expiration, secret=None, token=None):
        self.secret = secret
        self.token = token
        self.access_key_id = access_key_id
        self.account_id = account_id
        self.caller_account_id = caller_account_id
        self.task = task
        self.expiration = expiration

    @property
    def arn(self):
        return "arn:aws:sts::%s:assumed-root/%s/%s" % (self.account_id, self.task, self.caller_account_id)


class EmulatorState:
    """All extension state (everything moto does not keep). Guarded by ``lock``."""

    def __init__(self):
        self.lock = threading.RLock()
        self.clear()

    def clear(self):
        with self.lock:
            self.key_index = {}  # access key id -> account id (fed by IAMBackend hooks)
            self.fallback_cache = {}  # answers of moto's original scan for unindexed keys
            self.root_states = {}  # account id -> normalized root-user state (python objects)
            self.features = {}  # organization id -> set of enabled IAM org features
            self.sessions = {}  # root-session access key id -> RootSession
            self.faults = []  # list of fault dicts
            self.next_fault_id = 1
            self.latency_ms = 0
            self.clock_offset = 0.0
            self.stats = Counter()
            self.first_seen = {}  # action -> time.monotonic() of its first request since the last stats reset
            self.last_seen = {}

    def now(self):
        return dt.datetime.now(UTC) + dt.timedelta(seconds=self.clock_offset)

    # ---- root-user state
    def root_state(self, account_id):
        with self.lock:
            state = self.root_states.get(account_id)
            if state is None:
                state = normalize_root_state({}, account_id)
                self.root_states[account_id] = state
            return state


STATE = EmulatorState()


def normalize_root_state(doc, account_id):
    """Control-endpoint JSON -> internal root state (datetimes, generated ids)."""
    if not isinstance(doc, dict):
        raise ControlError("root state must be a JSON object")
    default_date = dt.datetime(2020, 1, 1, tzinfo=UTC)
    create = parse_time(doc.get("createDate"), default_date)
    password = doc.get("password")
    if password:
        password = {
            "createDate": parse_time(password.get("createDate"), create),
            "lastUsed": parse_time(password.get("lastUsed")),
            "passwordResetRequired": bool(password.get("passwordResetRequired", False)),
        }
    else:
        password = None
    keys = []
    for k in doc.get("accessKeys") or []:
        keys.append(
            {
                "id": k.get("id") or _random_id("AKIA", 20),
                "status": k.get("status") or "Active",
                "createDate": parse_time(k.get("createDate"), create),
                "lastUsed": parse_time(k.get("lastUsed")),
                "service": k.get("service"),
                "region": k.get("region"),
            }
        )
    certs = []
    for c in doc.get("signingCertificates") or []:
        certs.append(
            {
                "id": c.get("id") or _random_id("", 32),
                "status": c.get("status") or "Active",
                "uploadDate": parse_time(c.get("uploadDate"), create),
            }
        )
    mfas = []
    for m in doc.get("mfaDevices") or []:
        mfas.append(
            {
                "serial": m.get("serial") or "arn:aws:iam::%s:mfa/root-account-mfa-device" % account_id,
                "enableDate": parse_time(m.get("enableDate"), create),
            }
        )
    return {"createDate": create, "password": password, "accessKeys": keys, "signingCertificates": certs, "mfaDevices": mfas}


def root_state_to_json(state):
    pw = state["password"]
    return {
        "createDate": iso(state["createDate"]),
        "password": None
        if pw is None
        else {"createDate": iso(pw["createDate"]), "lastUsed": iso(pw["lastUsed"]), "passwordResetRequired": pw["passwordResetRequired"]},
        "accessKeys": [
            {"id": k["id"], "status": k["status"], "createDate": iso(k["createDate"]), "lastUsed": iso(k["lastUsed"]), "service": k["service"], "region": k["region"]}
            for k in state["accessKeys"]
        ],
        "signingCertificates": [
            {"id": c["id"], "status": c["status"], "uploadDate": iso(c["uploadDate"])} for c in state["signingCertificates"]
        ],
        "mfaDevices": [{"serial": m["serial"], "enableDate": iso(m["enableDate"])} for m in state["mfaDevices"]],
    }


# ---------------------------------------------------------- organization helpers
# (bound to moto modules in install_moto_patches)

_moto = {}


def org_backend_of(account_id):
    """The OrganizationsBackend holding the organization ``account_id`` belongs to, or None.

    Uses plain dict lookups: ``organizations_backends[x]`` would create backends.
    """
    obs = _moto["organizations_backends"]
    own = dict.get(obs, account_id)
    if own is not None:
        backend = dict.get(own, "aws")
        if backend is not None and backend.org is not None:
            return backend
    master = obs.master_accounts.get(account_id)
    if master is not None:
        backend = obs[master[0]][master[1]]
        if backend.org is not None:
            return backend
    return None


def account_view(backend):
    """Cached (ordered accounts, id -> account, id -> position) for an OrganizationsBackend.

    Rebuilt when the account list object, its length or its last element changes
    (every moto mutation of the list appends, removes or replaces the list).
    """
    accounts = backend.accounts
    cache = backend.__dict__.get("_rootaudit_view")
    if (
        cache is None
        or cache[0] is not accounts
        or cache[1] != len(accounts)
        or (accounts and cache[2] is not accounts[-1])
    ):
        ordered = [a for _, a in sorted(enumerate(accounts), key=lambda p: (p[1].create_time, p[0]))]
        by_id = {a.id: a for a in ordered}
        pos = {a.id: i for i, a in enumerate(ordered)}
        cache = (accounts, len(accounts), accounts[-1] if accounts else None, ordered, by_id, pos)
        backend.__dict__["_rootaudit_view"] = cache
    return cache[3], cache[4], cache[5]


def is_iam_delegated_admin(backend, account_id):
    return any(a.account.id == account_id and IAM_PRINCIPAL in a.services for a in backend.admins)


def has_iam_trusted_access(backend):
    return any(s.get("ServicePrincipal") == IAM_PRINCIPAL for s in backend.services)


# ------------------------------------------------------------------ moto patches


def _session_of(response):
    return STATE.sessions.get(response.get_access_key())


def install_moto_patches():
    import moto.iam.models as iam_models
    from moto.iam.models import IAMBackend, iam_backends
    from moto.iam.responses import IamResponse
    from moto.organizations import utils as org_utils
    from moto.organizations.exceptions import (
        AccountNotFoundException,
        AWSOrganizationsNotInUseException,
        InvalidInputException,
    )
    from moto.organizations.models import (
        FakeAccount,
        FakeDelegatedAdministrator,
        FakeServiceAccess,
        OrganizationsBackend,
        organizations_backends,
    )
    from moto.core.responses import ActionResult, EmptyResult
    from moto.sts.responses import TokenResponse
    from moto.s3.models import s3_backends
    from moto.sqs.models import sqs_backends

    _moto.update(
        s3_backends=s3_backends,
        sqs_backends=sqs_backends,
        organizations_backends=organizations_backends,
        iam_backends=iam_backends,
        FakeAccount=FakeAccount,
        org_utils=org_utils,
        ActionResult=ActionResult,
    )

    # ---- account routing: O(1) key index instead of moto's scan of all IAM backends.
    # moto.core.responses.BaseResponse.get_current_account imports this function by
    # name *inside* the method on every call, so replacing the module attribute is
    # enough (no other module binds it at import time in 5.2.1).
    original_get_account_id_from = iam_models.get_account_id_from

    def indexed_get_account_id_from(access_key):
        account = STATE.key_index.get(access_key)
        if account is not None:
            return account
        account = STATE.fallback_cache.get(access_key)
        if account is None:
            # Unknown to the index (e.g. the dummy key "testing"): ask moto once.
            # Every key moto creates goes through the hooks below, so a key absent
            # from the index cannot appear later under the same id.
            account = original_get_account_id_from(access_key)
            if len(STATE.fallback_cache) < 100000:
                STATE.fallback_cache[access_key] = account
        return account

    iam_models.get_account_id_from = indexed_get_account_id_from
    # Defensive: rebind any moto module that imported the function by name at import time.
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("moto.") and getattr(module, "get_account_id_from", None) is original_get_account_id_from:
            module.get_account_id_from = indexed_get_account_id_from

    # The only IAMBackend methods that add to / remove from IAMBackend.access_keys.
    orig_create_access_key = IAMBackend.create_access_key
    orig_create_temp_access_key = IAMBackend.create_temp_access_key
    orig_delete_access_key_by_name = IAMBackend.delete_access_key_by_name

    def create_access_key(self, *args, **kwargs):
        key = orig_create_access_key(self, *args, **kwargs)
        STATE.key_index[key.access_key_id] = self.account_id
        return key

    def create_temp_access_key(self, *args, **kwargs):
        key = orig_create_temp_access_key(self, *args, **kwargs)
        STATE.key_index[key.access_key_id] = self.account_id
        return key

    def delete_access_key_by_name(self, name):
        orig_delete_access_key_by_name(self, name)
        STATE.key_index.pop(name, None)
        STATE.fallback_cache.pop(name, None)

    IAMBackend.create_access_key = create_access_key
    IAMBackend.create_temp_access_key = create_temp_access_key
    IAMBackend.delete_access_key_by_name = delete_access_key_by_name

    # ---- Organizations: IAM is a trusted / delegatable service since Nov 2024.
    if IAM_PRINCIPAL not in FakeServiceAccess.TRUSTED_SERVICES:
        FakeServiceAccess.TRUSTED_SERVICES.append(IAM_PRINCIPAL)
    if IAM_PRINCIPAL not in FakeDelegatedAdministrator.SUPPORTED_SERVICES:
        FakeDelegatedAdministrator.SUPPORTED_SERVICES.append(IAM_PRINCIPAL)

    # Accounts: moto 5.2.1 already has `state`; make sure objects built without
    # __init__ (bulk seeding) or by older code paths always expose State.
    orig_account_describe = FakeAccount.describe

    def account_describe(self):
        if not hasattr(self, "state"):
            self.state = self.status
        result = orig_account_describe(self)
        result.setdefault("State", self.state)
        return result

    FakeAccount.describe = account_describe

    def get_account_by_id(self, account_id):
        account = account_view(self)[1].get(account_id)
        if account is None:
            raise AccountNotFoundException
        return account

    def _page(items, max_results, next_token, key):
        """Position-based pagination with the id of the first item of the next page as token."""
        start = 0
        if next_token:
            try:
                raw = base64.urlsafe_b64decode(next_token.encode()).decode()
                start = next(i for i, item in enumerate(items) if key(item) == raw) if raw else 0
            except Exception:
                raise InvalidInputException("The provided NextToken is not valid.")
        limit = int(max_results) if max_results else 20
        page = items[start : start + limit]
        token = None
        if start + limit < len(items):
            token = base64.urlsafe_b64encode(key(items[start + limit]).encode()).decode()
        return page, token

    def list_accounts(self, max_results=None, next_token=None):
        if self.org is None and self.account_id not in organizations_backends.master_accounts:
            raise AWSOrganizationsNotInUseException  # moto would answer an empty list
        ordered, _, pos = account_view(self)
        start = 0
        if next_token:
            try:
                start = pos[base64.urlsafe_b64decode(next_token.encode()).decode()]
            except Exception:
                raise InvalidInputException("The provided NextToken is not valid.")
        limit = int(max_results) if max_results else 20
        page = ordered[start : start + limit]
        token = None
        if start + limit < len(ordered):
            token = base64.urlsafe_b64encode(ordered[start + limit].id.encode()).decode()
        return [a.describe() for a in page], token

    def list_accounts_for_parent(self, parent_id, max_results=None, next_token=None):
        parent_id = self.validate_parent_id(parent_id)
        children = [a for a in account_view(self)[0] if a.parent_id == parent_id]
        return _page(children, max_results, next_token, lambda a: a.id)

    OrganizationsBackend.get_account_by_id = get_account_by_id
    OrganizationsBackend.list_accounts = list_accounts
    OrganizationsBackend.list_accounts_for_parent = list_accounts_for_parent

    # moto keeps an organization in its management account's backend, so read calls from a delegated
    # administrator (a member account) would see an empty organization. AWS lets delegated administrators
    # read the organization: route their List*/Describe* calls to the organization's backend.
    from moto.organizations.responses import OrganizationsResponse

    def organizations_backend(self):
        own = organizations_backends[self.current_account][self.partition]
        if own.org is not None:
            return own
        action = self._get_action() if hasattr(self, "_get_action") else ""
        org = org_backend_of(self.current_account)
        if org is not None and action.startswith(("List", "Describe")) and any(
                a.account.id == self.current_account for a in org.admins):
            return org
        return own

    OrganizationsResponse.organizations_backend = property(organizations_backend)

    # ---- STS
    def assume_root(self):
        return ActionResult(do_assume_root(self))

    TokenResponse.assume_root = assume_root

    orig_get_caller_identity = TokenResponse.get_caller_identity

    def get_caller_identity(self):
        session = _session_of(self)
        if session is None:
            return orig_get_caller_identity(self)
        acct = session.account_id
        return ActionResult({"UserId": acct, "Account": acct, "Arn": "arn:%s:iam::%s:root" % (self.partition, acct)})

    TokenResponse.get_caller_identity = get_caller_identity

    # ---- IAM root-user actions: root sessions are answered from STATE, others by moto.
    def wrap(name, root_impl):
        original = getattr(IamResponse, name)

        def method(self):
            session = _session_of(self)
            if session is None:
                return original(self)
            with STATE.lock:
                result = root_impl(self, session, STATE.root_state(session.account_id))
            return EmptyResult() if result is None else ActionResult(result)

        method.__name__ = name
        setattr(IamResponse, name, method)

    for name, impl in ROOT_IAM_IMPLS.items():
        wrap(name, impl)

    # ---- IAM organization features (absent from moto 5.2.1)
    IamResponse.list_organizations_features = lambda self: ActionResult(org_features(self, None))
    IamResponse.enable_organizations_root_credentials_management = lambda self: ActionResult(
        org_features(self, (FEATURE_CREDS, True))
    )
    IamResponse.enable_organizations_root_sessions = lambda self: ActionResult(
        org_features(self, (FEATURE_SESSIONS, True))
    )
    IamResponse.disable_organizations_root_credentials_management = lambda self: ActionResult(
        org_features(self, (FEATURE_CREDS, False))
    )
    IamResponse.disable_organizations_root_sessions = lambda self: ActionResult(
        org_features(self, (FEATURE_SESSIONS, False))
    )


# ----------------------------------------------------------------- AssumeRoot


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
    if account is None or target_id not in _moto["organizations_backends"].master_accounts:
        raise _sts_denied("Account %s is not a member account of organization %s." % (target_id, org.id))
    state = getattr(account, "state", account.status)
    if state != "ACTIVE":
        raise _sts_denied("Account %s is %s; AssumeRoot requires an ACTIVE account." % (target_id, state))

    key = _moto["iam_backends"][target_id]["global"].create_temp_access_key()
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


# --------------------------------------------------- IAM organization features


def org_features(resp, change):
    """ListOrganizationsFeatures (change=None) or Enable/Disable (change=(feature, on))."""
    caller = resp.current_account
    backend = org_backend_of(caller)
    if backend is None:
        raise AwsError("OrganizationNotFoundException", "The caller is not in an organization.", 400)
    org = backend.org
    if org.feature_set != "ALL":
        raise AwsError(
            "OrganizationNotInAllFeaturesModeException",
            "The organization %s is not in all features mode." % org.id,
            400,
        )
    is_mgmt = caller == org.master_account_id
    if not is_mgmt and not is_iam_delegated_admin(backend, caller):
        raise AwsError(
            "AccountNotManagementOrDelegatedAdministratorException",
            "The account %s is not the management account or a delegated administrator." % caller,
            400,
        )
    if change is not None and not is_mgmt:
        raise AwsError(
            "CallerIsNotManagementAccountException",
            "Only the management account can enable or disable organization features.",
            400,
        )
    if not has_iam_trusted_access(backend):
        raise AwsError(
            "ServiceAccessNotEnabledException",
            "Trusted access for iam.amazonaws.com is not enabled for organization %s." % org.id,
            400,
        )
    with STATE.lock:
        enabled = STATE.features.setdefault(org.id, set())
        if change is not None:
            feature, on = change
            (enabled.add if on else enabled.discard)(feature)
        features = [f for f in (FEATURE_CREDS, FEATURE_SESSIONS) if f in enabled]
    return {"OrganizationId": org.id, "EnabledFeatures": features}


# ------------------------------------------------------- IAM in a root session


def _no_such_entity(message):
    return AwsError("NoSuchEntity", message, 404)


def _root_get_user(resp, session, st):
    acct = session.account_id
    user = {"UserId": acct, "Arn": "arn:%s:iam::%s:root" % (resp.partition, acct), "CreateDate": st["createDate"]}
    if st["password"] and st["password"]["lastUsed"]:
        user["PasswordLastUsed"] = st["password"]["lastUsed"]
    return {"User": user}


def _root_get_login_profile(resp, session, st):
    pw = st["password"]
    if pw is None:
        raise _no_such_entity("Login Profile for User root cannot be found.")
    return {"LoginProfile": {"CreateDate": pw["createDate"], "PasswordResetRequired": pw["passwordResetRequired"]}}


def _root_create_login_profile(resp, session, st):
    if resp._get_param("Password"):
        raise AwsError("ValidationError", "Password must be omitted in a root session.", 400)
    if st["password"] is not None:
        raise AwsError("EntityAlreadyExists", "Login Profile for User root already exists.", 409)
    # IAM timestamps have whole seconds (and root-state JSON carries seconds): keep both views equal.
    st["password"] = {"createDate": STATE.now().replace(microsecond=0), "lastUsed": None, "passwordResetRequired": False}
    return _root_get_login_profile(resp, session, st)


def _root_delete_login_profile(resp, session, st):
    if st["password"] is None:
        raise _no_such_entity("Login Profile for User root cannot be found.")
    st["password"] = None
    return None


def _root_list_access_keys(resp, session, st):
    return {
        "AccessKeyMetadata": [
            {"AccessKeyId": k["id"], "Status": k["status"], "CreateDate": k["createDate"]} for k in st["accessKeys"]
        ],
        "IsTruncated": False,
    }


def _find(items, field, value, what):
    for item in items:
        if item[field] == value:
            return item
    raise _no_such_entity("The %s with id %s cannot be found." % (what, value))


def _root_get_access_key_last_used(resp, session, st):
    key = _find(st["accessKeys"], "id", resp._get_param("AccessKeyId"), "Access Key")
    last = {"ServiceName": "N/A", "Region": "N/A"}
    if key["lastUsed"] is not None:
        last = {"LastUsedDate": key["lastUsed"], "ServiceName": key["service"] or "N/A", "Region": key["region"] or "N/A"}
    return {"UserName": "root", "AccessKeyLastUsed": last}


def _root_delete_access_key(resp, session, st):
    st["accessKeys"].remove(_find(st["accessKeys"], "id", resp._get_param("AccessKeyId"), "Access Key"))


def _root_list_signing_certificates(resp, session, st):
    return {
        "Certificates": [
            # CertificateBody is required by the model; the emulator has no real PEM.
            {"CertificateId": c["id"], "Status": c["status"], "UploadDate": c["uploadDate"], "CertificateBody": "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----", "UserName": "root"}
            for c in st["signingCertificates"]
        ],
        "IsTruncated": False,
    }


def _root_delete_signing_certificate(resp, session, st):
    st["signingCertificates"].remove(
        _find(st["signingCertificates"], "id", resp._get_param("CertificateId"), "Signing Certificate")
    )


def _root_list_mfa_devices(resp, session, st):
    return {
        "MFADevices": [{"SerialNumber": m["serial"], "EnableDate": m["enableDate"]} for m in st["mfaDevices"]],
        "IsTruncated": False,
    }


def _root_deactivate_mfa_device(resp, session, st):
    st["mfaDevices"].remove(_find(st["mfaDevices"], "serial", resp._get_param("SerialNumber"), "MFA Device"))


def _root_get_account_summary(resp, session, st):
    return {
        "SummaryMap": {
            "AccountMFAEnabled": 1 if st["mfaDevices"] else 0,
            "AccountAccessKeysPresent": 1 if st["accessKeys"] else 0,
            "AccountSigningCertificatesPresent": 1 if st["signingCertificates"] else 0,
            "AccountPasswordPresent": 1 if st["password"] else 0,
        }
    }


ROOT_IAM_IMPLS = {
    "get_user": _root_get_user,
    "get_login_profile": _root_get_login_profile,
    "create_login_profile": _root_create_login_profile,
    "delete_login_profile": _root_delete_login_profile,
    "list_access_keys": _root_list_access_keys,
    "get_access_key_last_used": _root_get_access_key_last_used,
    "delete_access_key": _root_delete_access_key,
    "list_signing_certificates": _root_list_signing_certificates,
    "delete_signing_certificate": _root_delete_signing_certificate,
    "list_mfa_devices": _root_list_mfa_devices,
    "deactivate_mfa_device": _root_deactivate_mfa_device,
    "get_account_summary": _root_get_account_summary,
}


# -------------------------------------------------------- organization seeding


def build_organization(body):
    """POST /_rootaudit/organization: create an organization directly in moto's backends.

    Accounts are built without FakeAccount.__init__ (which creates an IAM role in a
    fresh IAM backend per account) and without attach_policy (an O(n) scan per
    call), so 10,000 accounts take about a second.
    """
    obs = _moto["organizations_backends"]
    mgmt_id = str(body.get("managementAccountId") or DEFAULT_ACCOUNT_ID)
    if not re.fullmatch(r"\d{12}", mgmt_id):
        raise ControlError("managementAccountId must be 12 digits")
    if mgmt_id in obs.master_accounts:
        raise ControlError("account %s is already a member of an organization; reset first" % mgmt_id, 409)
    backend = obs[mgmt_id]["aws"]
    if backend.org is not None:
        raise ControlError("an organization already exists for %s; POST /_rootaudit/reset first" % mgmt_id, 409)
    feature_set = body.get("featureSet") or "ALL"
    if feature_set not in ("ALL", "CONSOLIDATED_BILLING"):
        raise ControlError("featureSet must be ALL or CONSOLIDATED_BILLING")
    backend.create_organization(region="us-east-1", FeatureSet=feature_set)
    try:
        return _populate_organization(body, backend, obs, mgmt_id)
    except Exception:
        # Leave no half-built organization behind: the caller can fix the body and retry.
        for acc in backend.accounts:
            if obs.master_accounts.get(acc.id, (None,))[0] == mgmt_id:
                del obs.master_accounts[acc.id]
        backend._reset()
        raise


def _populate_organization(body, backend, obs, mgmt_id):
    FakeAccount = _moto["FakeAccount"]
    org_utils = _moto["org_utils"]
    org = backend.org
    master = backend.accounts[0]
    master.name = body.get("managementAccountName") or "Management"
    if body.get("managementEmail"):
        master.email = org.master_account_email = body["managementEmail"]
    if body.get("trustedAccess", True):
        backend.enable_aws_service_access(ServicePrincipal=IAM_PRINCIPAL)

    # OUs, parents first (parents may be listed after children).
    ou_ids = {}
    pending = list(body.get("ous") or [])
    while pending:
        progressed = False
        for ou in list(pending):
            parent_key = ou.get("parent")
            if parent_key is None or parent_key in ou_ids:
                parent_id = org.root_id if parent_key is None else ou_ids[parent_key]
                created = backend.create_organizational_unit(Name=ou.get("name") or ou["key"], ParentId=parent_id)
                ou_ids[ou["key"]] = created["OrganizationalUnit"]["Id"]
                pending.remove(ou)
                progressed = True
        if not progressed:
            raise ControlError("unknown or cyclic OU parent(s): %s" % [o.get("parent") for o in pending])

    default_policies = [p for p in backend.policies if p.id in (org_utils.DEFAULT_SCP_POLICY_ID, org_utils.DEFAULT_RCP_POLICY_ID)]
    specs = body.get("accounts") or []
    used = {mgmt_id} | {str(a["id"]) for a in specs if a.get("id")}
    result_accounts = {}
    root_states = {}
    base = dt.datetime.now(UTC) - dt.timedelta(days=1)
    status_of = {"ACTIVE": "ACTIVE", "SUSPENDED": "SUSPENDED", "PENDING_CLOSURE": "PENDING_CLOSURE", "CLOSED": "SUSPENDED", "PENDING_ACTIVATION": "ACTIVE"}
    new_accounts = []
    for i, spec in enumerate(specs):
        key = spec.get("key") or spec.get("id") or "account-%d" % i
        acct_id = str(spec.get("id") or "")
        if acct_id:
            if not re.fullmatch(r"\d{12}", acct_id):
                raise ControlError("account id %r must be 12 digits" % acct_id)
        else:
            while True:
                acct_id = org_utils.make_random_account_id()
                if acct_id not in used and acct_id not in obs.master_accounts:
                    break
            used.add(acct_id)
        if acct_id in obs.master_accounts or acct_id in result_accounts.values():
            raise ControlError("account %s is already in an organization" % acct_id, 409)
        state = (spec.get("state") or "ACTIVE").upper()
        if state not in status_of:
            raise ControlError("unknown account state %r" % state)
        ou_key = spec.get("ou")
        if ou_key is not None and ou_key not in ou_ids:
            raise ControlError("account %s: unknown ou %r" % (key, ou_key))
        # Distinct JoinedTimestamps (input order) unless given explicitly.
        joined = parse_time(spec.get("joinedTimestamp"), base + dt.timedelta(milliseconds=i))

        acc = FakeAccount.__new__(FakeAccount)  # skip __init__: see docstring
        acc.type = "ACCOUNT"
        acc.region = org.region
        acc.organization_id = org.id
        acc.master_account_id = mgmt_id
        acc.create_account_status_id = org_utils.make_random_create_account_status_id()
        acc.id = acct_id
        acc.name = spec.get("name") or key
        acc.email = spec.get("email") or "%s@example.com" % re.sub(r"[^A-Za-z0-9._-]", "-", str(key))
        acc.create_time = naive_utc(joined)
        acc.status = status_of[state]
        acc.state = state
        acc.joined_method = spec.get("joinedMethod") or "CREATED"
        acc.parent_id = org.root_id if ou_key is None else ou_ids[ou_key]
        acc.attached_policies = list(default_policies)
        acc.tags = {str(k): str(v) for k, v in (spec.get("tags") or {}).items()}
        new_accounts.append(acc)
        result_accounts[key] = acct_id
        root_states[acct_id] = normalize_root_state(spec.get("root") or {"createDate": iso(joined)}, acct_id)

    backend.accounts.extend(new_accounts)
    for policy in default_policies:
        policy.attachments.extend(new_accounts)
    for acc in new_accounts:
        obs.master_accounts[acc.id] = (mgmt_id, "aws")

    delegated = body.get("delegatedAdministrator")
    if delegated:
        admin_id = result_accounts.get(delegated, delegated)
        if admin_id not in result_accounts.values():
            raise ControlError("delegatedAdministrator %r is not an account key or id of this request" % delegated)
        backend.register_delegated_administrator(AccountId=admin_id, ServicePrincipal=IAM_PRINCIPAL)

    features = set()
    if body.get("rootCredentialsManagement", True):
        features.add(FEATURE_CREDS)
    if body.get("rootSessions", True):
        features.add(FEATURE_SESSIONS)
    with STATE.lock:
        STATE.features[org.id] = features
        STATE.root_states.update(root_states)
    return {
        "organizationId": org.id,
        "managementAccountId": mgmt_id,
        "rootId": org.root_id,
        "ous": ou_ids,
        "accounts": result_accounts,
    }


def create_credentials(account_id):
    """POST /_rootaudit/credentials/<acct>: a fresh IAM user + access key in that account."""
    iam = _moto["iam_backends"][account_id]["global"]
    with STATE.lock:
        n = 1
        name = "rootaudit-caller"
        while name in iam.users:
            n += 1
            name = "rootaudit-caller-%d" % n
        iam.create_user(region_name="us-east-1", user_name=name, path="/", tags=[])
        key = iam.create_access_key(name)  # indexed by the create_access_key hook
    return {"accessKeyId": key.access_key_id, "secretAccessKey": key.secret_access_key, "userName": name, "accountId": account_id}


def _policy_text(body):
    """The "policy" of a bucket/queue seeding body: JSON text, a JSON object (serialized), or None."""
    if not isinstance(body, dict):
        raise ControlError("body must be a JSON object")
    policy = body.get("policy")
    if policy is None or policy == "":
        return None
    if not isinstance(policy, str):
        return json.dumps(policy)
    try:
        json.loads(policy)
    except ValueError as exc:
        raise ControlError("policy is not valid JSON: %s" % exc)
    return policy


def _resource_name(body, what):
    name = body.get("name") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name:
        raise ControlError("%s name is required" % what)
    return name


def seed_bucket(account_id, body):
    """POST /_rootaudit/bucket/<acct>: create a bucket owned by that account (moto would put it in the
    account of the signing key), optionally with a bucket policy."""
    name = _resource_name(body, "bucket")
    policy = _policy_text(body)
    region = body.get("region") or "us-east-1"
    s3 = _moto["s3_backends"]
    with STATE.lock:
        if name in s3.bucket_accounts:
            raise ControlError("bucket %s already exists (account %s)" % (name, s3.bucket_accounts[name][1]), 409)
        backend = s3[account_id]["aws"]
        backend.create_bucket(name, region)
        if policy is not None:
            backend.put_bucket_policy(name, policy.encode("utf-8"))
    return {"accountId": account_id, "name": name, "region": region, "arn": "arn:aws:s3:::%s" % name, "policy": policy}


def read_bucket(account_id, name):
    """GET /_rootaudit/bucket/<acct>/<name> -> {"policy": text|null}; 404 unless that account owns it."""
    owner = _moto["s3_backends"].bucket_accounts.get(name)
    if owner is None or owner[1] != account_id:
        raise ControlError("no bucket %s in account %s" % (name, account_id), 404)
    policy = _moto["s3_backends"][account_id][owner[0]].get_bucket(name).policy
    if isinstance(policy, bytes):
        policy = policy.decode("utf-8")
    return {"accountId": account_id, "name": name, "policy": policy or None}


def _queue_url(queue, host):
    from urllib.parse import urlparse

    return queue.url(urlparse("http://%s/" % host))


def seed_queue(account_id, body, host):
    """POST /_rootaudit/queue/<acct>: create an SQS queue in that account (and region, default
    us-east-1), optionally with a queue policy (the ``Policy`` attribute) -> {queueUrl, ...}."""
    name = _resource_name(body, "queue")
    policy = _policy_text(body)
    region = body.get("region") or "us-east-1"
    backend = _moto["sqs_backends"][account_id][region]
    with STATE.lock:
        if name in backend.queues:
            raise ControlError("queue %s already exists in account %s (%s)" % (name, account_id, region), 409)
        attributes = {} if policy is None else {"Policy": policy}
        queue = backend.create_queue(name, None, **attributes)
    return {"accountId": account_id, "name": name, "region": region, "queueUrl": _queue_url(queue, host),
            "arn": queue.queue_arn, "policy": queue.policy}


def read_queue(account_id, name, host):
    """GET /_rootaudit/queue/<acct>/<name> -> {"policy": text|null, "queueUrl"}; any region; 404 if absent."""
    per_account = dict.get(_moto["sqs_backends"], account_id)  # plain lookups: no backend creation
    for backend in (dict.values(per_account) if per_account is not None else ()):
        queue = backend.queues.get(name)
        if queue is not None:
            return {"accountId": account_id, "name": name, "region": backend.region_name,
                    "queueUrl": _queue_url(queue, host), "policy": queue.policy}
    raise ControlError("no queue %s in account %s" % (name, account_id), 404)


def reset_all():
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
    # BackendDict.reset() does not clear this side table of OrganizationsBackendDict.
    _moto["organizations_backends"].master_accounts.clear()
    STATE.clear()


# -------------------------------------------------------------- WSGI middleware

_CRED_RE = re.compile(r"Credential=([^/,\s]+)/[^/]+/([^/]+)/([^/]+)/")

_S3_SUBRESOURCES = (
    "policy", "acl", "tagging", "versioning", "object-lock", "retention", "legal-hold", "uploads",
    "uploadId", "location", "versions", "lifecycle", "encryption", "cors", "website", "notification",
    "ownershipControls", "publicAccessBlock", "policyStatus", "delete", "attributes",
)
_S3_SPECIAL = {
    ("GET", "bucket", None): "ListObjects",
    ("PUT", "bucket", None): "CreateBucket",
    ("DELETE", "bucket", None): "DeleteBucket",
    ("HEAD", "bucket", None): "HeadBucket",
    ("POST", "bucket", "delete"): "DeleteObjects",
    ("GET", "bucket", "versions"): "ListObjectVersions",
    ("GET", "bucket", "location"): "GetBucketLocation",
    ("GET", "object", None): "GetObject",
    ("PUT", "object", None): "PutObject",
    ("DELETE", "object", None): "DeleteObject",
    ("HEAD", "object", None): "HeadObject",
    ("POST", "object", "uploads"): "CreateMultipartUpload",
}


def s3_action(method, path, query):
    """Best-effort S3 operation name for a path-style request (for stats and faults)."""
    parts = path.lstrip("/").split("/", 1)
    if not parts[0]:
        return "ListBuckets"
    kind = "object" if len(parts) > 1 and parts[1] else "bucket"
    sub = next((s for s in _S3_SUBRESOURCES if s in query), None)
    if (method, kind, sub) in _S3_SPECIAL:
        name = _S3_SPECIAL[(method, kind, sub)]
        return "ListObjectsV2" if name == "ListObjects" and query.get("list-type") == ["2"] else name
    verb = {"GET": "Get", "PUT": "Put", "DELETE": "Delete", "HEAD": "Head", "POST": "Post"}.get(method, method.title())
    noun = "Bucket" if kind == "bucket" else "Object"
    suffix = "".join(w[0].upper() + w[1:] for w in re.split(r"[-_]", sub) if w) if sub else ""
    return verb + noun + suffix


# Default (code, status) of an injected fault whose body names none, per protocol.
FAULT_DEFAULTS = {"query": ("Throttling", 400), "json": ("TooManyRequestsException", 400), "s3": ("SlowDown", 503),
                  "sqs-json": ("RequestThrottled", 400)}
# awsJson services spell these codes with the Exception suffix.
JSON_CODES = {"AccessDenied": "AccessDeniedException", "ExpiredToken": "ExpiredTokenException"}
# SQS (awsJson1_0, awsQueryCompatible): query code -> JSON __type of the common (non-SQS) errors.
SQS_JSON_TYPES = {
    "AccessDenied": "com.amazon.coral.service#AccessDeniedException",
    "ExpiredToken": "com.amazon.coral.service#ExpiredTokenException",
    "InvalidClientTokenId": "com.amazon.coral.service#InvalidClientTokenIdException",
    "Throttling": "com.amazon.coral.availability#ThrottlingException",
}


class RequestInfo:
    __slots__ = ("service", "action", "protocol", "access_key", "params", "account", "targets", "bucket")


class EmulatorMiddleware:
    """WSGI layer in front of moto: control endpoints, stats, latency, faults, root-session checks."""

    CONTROL_PREFIX = "/_rootaudit/"

    def __init__(self, moto_app):
        self.moto_app = moto_app
        self.port = None

    # ------------------------------------------------------------ entry point
    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(self.CONTROL_PREFIX):
            return self.control(environ, start_response, path[len(self.CONTROL_PREFIX):])
        if path.startswith("/moto-api/"):
            if path.rstrip("/") == "/moto-api/reset":
                STATE.clear()
                _moto["organizations_backends"].master_accounts.clear()
            return self.moto_app(environ, start_response)

        info = self.describe_request(environ)
        with STATE.lock:
            STATE.stats[info.action] += 1
            seen = time.monotonic()
            STATE.first_seen.setdefault(info.action, seen)
            STATE.last_seen[info.action] = seen
            latency = STATE.latency_ms
        if latency > 0:
            time.sleep(latency / 1000.0)

        fault = self.match_fault(info)
        if fault is not None and fault["delayMillis"]:
            time.sleep(fault["delayMillis"] / 1000.0)  # a slow or hanging endpoint for the matching requests
            if fault["code"] is None and fault["status"] is None:
                fault = None  # a delay alone: answer normally, late
        if fault is not None:
            sqs_json = info.protocol == "json" and info.service == "sqs"
            code, status = FAULT_DEFAULTS["sqs-json" if sqs_json else info.protocol]
            return self.respond_error(
                start_response, info, fault["code"] or code, fault["message"], fault["status"] or status
            )

        session = STATE.sessions.get(info.access_key)
        if session is not None:
            denied = self.check_root_session(info, session)
            if denied is not None:
                return self.respond_error(start_response, info, *denied)
        return self.moto_app(environ, start_response)

    # ---------------------------------------------------------- request parsing
    def describe_request(self, environ):
        info = RequestInfo()
        auth = environ.get("HTTP_AUTHORIZATION", "")
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        match = _CRED_RE.search(auth)
        if match is None and "X-Amz-Credential" in query:
            match = _CRED_RE.search("Credential=" + query["X-Amz-Credential"][0])
        info.access_key = match.group(1) if match else None
        info.service = match.group(3) if match else "unknown"
        target = environ.get("HTTP_X_AMZ_TARGET")
        params = {k: v[0] for k, v in query.items()}
        info.bucket = None
        if target:
            info.protocol = "json"
            info.action = target.rsplit(".", 1)[-1]
            if info.service == "unknown":
                info.service = "organizations" if target.startswith("AWSOrganizations") else "unknown"
            if info.service in ("sqs", "organizations"):  # QueueUrl, ResourceId, AccountId are in the JSON body
                try:
                    doc = json.loads(self._read_body(environ) or b"{}")
                except ValueError:
                    doc = None
                if isinstance(doc, dict):
                    params.update({k: v for k, v in doc.items() if isinstance(v, str)})
        elif info.service == "s3":
            info.protocol = "s3"
            path = environ.get("PATH_INFO", "/")
            info.action = s3_action(environ.get("REQUEST_METHOD", "GET"), path, query)
            info.bucket = path.lstrip("/").split("/", 1)[0] or None  # path-style addressing
        else:
            info.protocol = "query"
            ctype = environ.get("CONTENT_TYPE", "")
            if environ.get("REQUEST_METHOD") == "POST" and "x-www-form-urlencoded" in ctype:
                body = self._read_body(environ)
                params.update({k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()})
            info.action = params.get("Action", "Unknown")
        info.params = params
        info.account = _indexed_account(info.access_key) if info.access_key else DEFAULT_ACCOUNT_ID
        info.targets = {info.account}
        if info.service == "organizations":  # e.g. ListTagsForResource, DescribeAccount target a member account
            info.targets.update(v for k, v in params.items() if k in ("ResourceId", "AccountId") and re.fullmatch(r"\d{12}", v))
        if info.action == "AssumeRoot" and params.get("TargetPrincipal"):
            m = re.search(r"(\d{12})", params["TargetPrincipal"])
            info.targets.add(m.group(1) if m else params["TargetPrincipal"])
        return info

    @staticmethod
    def _read_body(environ):
        """Read the request body and put it back so moto can read it again."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        stream = environ["wsgi.input"]
        body = stream.read(length) if length > 0 else (stream.read() if environ.get("wsgi.input_terminated") else b"")
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return body

    # ------------------------------------------------------------------- faults
    def match_fault(self, info):
        with STATE.lock:
            for fault in STATE.faults:
                if fault["remaining"] is not None and fault["remaining"] <= 0:
                    continue
                if fault["action"] not in ("*", info.action):
                    continue
                if fault["service"] and fault["service"] != info.service:
                    continue
                if fault["target"] and fault["target"] not in info.targets:
                    continue
                if fault["rate"] is not None and random.random() >= fault["rate"]:
                    continue
                if fault["perSecond"] is not None and self.within_quota(fault):
                    continue
                if fault["remaining"] is not None:
                    fault["remaining"] -= 1
                fault["fired"] += 1
                return fault
        return None

    @staticmethod
    def within_quota(fault):
        """Token bucket of a ``perSecond`` fault (one second of burst): True = this request is allowed."""
        now = time.monotonic()
        bucket = fault["bucket"]
        bucket["tokens"] = min(fault["perSecond"], bucket["tokens"] + (now - bucket["at"]) * fault["perSecond"])
        bucket["at"] = now
        if bucket["tokens"] >= 1:
            bucket["tokens"] -= 1
            return True
        return False

    # ------------------------------------------------------------ root sessions
    @staticmethod
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
        if info.service == "s3" and info.bucket:
            owner = _moto["s3_backends"].bucket_accounts.get(info.bucket)
            if owner is not None and owner[1] != session.account_id:
                return denied("arn:aws:s3:::%s" % info.bucket, "no resource-based policy allows")
        if info.service == "sqs":
            m = re.search(r"/(\d{12})/([^/?#]+)/?$", info.params.get("QueueUrl") or "")
            owner = m.group(1) if m else info.params.get("QueueOwnerAWSAccountId")
            if owner and owner != session.account_id:
                name = m.group(2) if m else info.params.get("QueueName", "*")
                return denied("arn:aws:sqs:*:%s:%s" % (owner, name), "no resource-based policy allows")
        return None

    def respond_error(self, start_response, info, code, message, status):
        if info.protocol == "json" and info.service != "sqs":  # SQS keeps the query code (see render_error)
            code = JSON_CODES.get(code, code)
        status, headers, body = render_error(info.protocol, info.service, code, message, status)
        return self._send(start_response, status, body, headers)

    # ------------------------------------------------------------------ control
    def control(self, environ, start_response, sub):
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            raw = self._read_body(environ)
            body = json.loads(raw) if raw.strip() else {}
            host = environ.get("HTTP_HOST") or "127.0.0.1:%s" % self.port
            result = self.dispatch_control(method, sub.strip("/"), body, host)
            return self._json(start_response, 200, result)
        except ControlError as exc:
            return self._json(start_response, exc.status, {"error": str(exc)})
        except HTTPException as exc:  # moto errors raised during seeding
            return self._json(start_response, 400, {"error": getattr(exc, "description", str(exc))})
        except ServiceException as exc:
            return self._json(start_response, 400, {"error": str(exc)})
        except json.JSONDecodeError as exc:
            return self._json(start_response, 400, {"error": "invalid JSON: %s" % exc})
        except Exception as exc:  # surface bugs to the caller instead of a bare 500
            log.exception("control request failed")
            return self._json(start_response, 500, {"error": "%s: %s" % (type(exc).__name__, exc)})

    def dispatch_control(self, method, sub, body, host="127.0.0.1"):
        parts = sub.split("/")
        head = parts[0]
        arg = parts[1] if len(parts) > 1 else None
        if head in ("bucket", "queue") and arg:
            if not re.fullmatch(r"\d{12}", arg):
                raise ControlError("account id must be 12 digits", 400)
            if method == "POST" and len(parts) == 2:
                return seed_bucket(arg, body) if head == "bucket" else seed_queue(arg, body, host)
            if method == "GET" and len(parts) == 3 and parts[2]:
                return read_bucket(arg, parts[2]) if head == "bucket" else read_queue(arg, parts[2], host)
        if head == "health" and method == "GET":
            return {"status": "ok", "port": self.port}
        if head == "reset" and method == "POST":
            reset_all()
            return {}
        if head == "organization" and method == "POST":
            return build_organization(body)
        if head == "root-state" and arg:
            if not re.fullmatch(r"\d{12}", arg):
                raise ControlError("account id must be 12 digits", 400)
            if method == "PUT":
                state = normalize_root_state(body, arg)
                with STATE.lock:
                    STATE.root_states[arg] = state
                return root_state_to_json(state)
            if method == "GET":
                with STATE.lock:
                    return root_state_to_json(STATE.root_state(arg))
        if head == "credentials" and arg and method == "POST":
            if not re.fullmatch(r"\d{12}", arg):
                raise ControlError("account id must be 12 digits", 400)
            return create_credentials(arg)
        if head == "faults":
            if method == "POST":
                return {"id": add_fault(body)}
            if method == "DELETE":
                with STATE.lock:
                    STATE.faults.clear()
                return {}
            if method == "GET":
                with STATE.lock:
                    return {"faults": [dict(f) for f in STATE.faults]}
        if head == "latency":
            if method == "POST":
                millis = int(body.get("millis", 0))
                if millis < 0:
                    raise ControlError("millis must be >= 0")
                with STATE.lock:
                    STATE.latency_ms = millis
                return {"millis": millis}
            if method == "GET":
                return {"millis": STATE.latency_ms}
        if head == "clock":
            if method == "POST":
                with STATE.lock:
                    STATE.clock_offset += float(body.get("advanceSeconds", 0))
                return {"now": STATE.now().isoformat()}
            if method == "GET":
                return {"now": STATE.now().isoformat()}
        if head == "sessions" and method == "GET":
            # Test support only: the credentials of every root session issued, so a test can prove that
            # none of them reached a client's logs, database or reports. No client should ever call this.
            with STATE.lock:
                return {"sessions": [{"accessKeyId": r.access_key_id, "secretAccessKey": r.secret,
                                      "sessionToken": r.token, "accountId": r.account_id, "task": r.task}
                                     for r in STATE.sessions.values()]}
        if head == "stats":
            if method == "GET":
                with STATE.lock:
                    spans = {a: round(STATE.last_seen[a] - STATE.first_seen[a], 3) for a in STATE.first_seen}
                    return {"requests": dict(STATE.stats), "total": sum(STATE.stats.values()), "spanSeconds": spans}
            if method == "DELETE":
                with STATE.lock:
                    STATE.stats.clear()
                    STATE.first_seen.clear()
                    STATE.last_seen.clear()
                return {}
        raise ControlError("no control endpoint %s /_rootaudit/%s" % (method, sub), 404)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _send(start_response, status, body, headers):
        data = body.encode("utf-8") if isinstance(body, str) else body
        reason = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 500: "Internal Server Error", 503: "Service Unavailable"}
        hdrs = list(headers.items()) + [("Content-Length", str(len(data)))]
        start_response("%d %s" % (status, reason.get(status, "Error")), hdrs)
        return [data]

    def _json(self, start_response, status, obj):
        return self._send(start_response, status, json.dumps(obj), {"Content-Type": "application/json"})


def _indexed_account(access_key):
    import moto.iam.models as iam_models

    return iam_models.get_account_id_from(access_key)


def add_fault(body):
    if not isinstance(body, dict):
        raise ControlError("fault must be a JSON object")
    action = body.get("action") or "*"
    service = body.get("service")
    count = body.get("count")
    rate = body.get("rate")
    if rate is not None and not 0 <= float(rate) <= 1:
        raise ControlError("rate must be between 0 and 1")
    per_second = body.get("perSecond")
    if per_second is not None and not float(per_second) > 0:
        raise ControlError("perSecond must be greater than 0")
    delay = body.get("delayMillis")
    if delay is not None and not 0 <= int(delay) <= 600000:
        raise ControlError("delayMillis must be between 0 and 600000")
    with STATE.lock:
        fault_id = STATE.next_fault_id
        STATE.next_fault_id += 1
        STATE.faults.append(
            {
                "id": fault_id,
                "action": action,
                "service": service,
                "target": str(body["target"]) if body.get("target") else None,
                "code": body.get("code"),  # None: protocol default at match time
                "status": int(body["status"]) if body.get("status") else None,
                "message": body.get("message") or "Injected fault",
                "remaining": None if count is None else int(count),
                "rate": None if rate is None else float(rate),
                "perSecond": None if per_second is None else float(per_second),
                "bucket": {"tokens": float(per_second or 0), "at": time.monotonic()},
                "delayMillis": int(delay or 0),
                "fired": 0,
            }
        )
    return fault_id


# ------------------------------------------------------------------------ main


def build_app():
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    install_moto_patches()
    return EmulatorMiddleware(DomainDispatcherApplication(create_backend_app))


def main(argv=None):
    parser = argparse.ArgumentParser(description="rootaudit loopback AWS emulator (moto %s)" % REQUIRED_MOTO_VERSION)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 = pick a free port")
    parser.add_argument("--exit-on-stdin-eof", action="store_true", help="exit when stdin is closed (parent died)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    # moto's routing must come from the access keys: these would override it.
    os.environ.pop("MOTO_ACCOUNT_ID", None)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)

    from werkzeug.serving import make_server

    app = build_app()
    server = make_server(args.host, args.port, app, threaded=True)
    app.port = server.server_port
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if args.exit_on_stdin_eof:
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            except Exception:
                pass
            stop.set()

        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()

    serve = threading.Thread(target=server.serve_forever, name="serve", daemon=True)
    serve.start()
    sys.stdout.write("ROOTAUDIT_EMULATOR_READY port=%d\n" % server.server_port)
    sys.stdout.flush()
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

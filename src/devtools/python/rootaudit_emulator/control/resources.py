"""Seeding and reading what a member account owns: IAM user keys, S3 buckets, SQS queues.

moto would put a resource in the account of the key that signs its creation; these
endpoints put it in the account the URL names, so tests can build buckets and queues
owned by member accounts (e.g. with a "locked" policy for the unlock tasks).
"""

import json
from urllib.parse import urlparse

from moto.iam.models import iam_backends
from moto.s3.models import s3_backends
from moto.sqs.models import sqs_backends

from ..errors import ControlError
from ..state import STATE


def create_credentials(account_id):
    """POST /_rootaudit/credentials/<acct>: a fresh IAM user + access key in that account."""
    iam = iam_backends[account_id]["global"]
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
    s3 = s3_backends
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
    owner = s3_backends.bucket_accounts.get(name)
    if owner is None or owner[1] != account_id:
        raise ControlError("no bucket %s in account %s" % (name, account_id), 404)
    policy = s3_backends[account_id][owner[0]].get_bucket(name).policy
    if isinstance(policy, bytes):
        policy = policy.decode("utf-8")
    return {"accountId": account_id, "name": name, "policy": policy or None}


def _queue_url(queue, host):
    return queue.url(urlparse("http://%s/" % host))


def seed_queue(account_id, body, host):
    """POST /_rootaudit/queue/<acct>: create an SQS queue in that account (and region, default
    us-east-1), optionally with a queue policy (the ``Policy`` attribute) -> {queueUrl, ...}."""
    name = _resource_name(body, "queue")
    policy = _policy_text(body)
    region = body.get("region") or "us-east-1"
    backend = sqs_backends[account_id][region]
    with STATE.lock:
        if name in backend.queues:
            raise ControlError("queue %s already exists in account %s (%s)" % (name, account_id, region), 409)
        attributes = {} if policy is None else {"Policy": policy}
        queue = backend.create_queue(name, None, **attributes)
    return {"accountId": account_id, "name": name, "region": region, "queueUrl": _queue_url(queue, host),
            "arn": queue.queue_arn, "policy": queue.policy}


def read_queue(account_id, name, host):
    """GET /_rootaudit/queue/<acct>/<name> -> {"policy": text|null, "queueUrl"}; any region; 404 if absent."""
    per_account = dict.get(sqs_backends, account_id)  # plain lookups: no backend creation
    for backend in (dict.values(per_account) if per_account is not None else ()):
        queue = backend.queues.get(name)
        if queue is not None:
            return {"accountId": account_id, "name": name, "region": backend.region_name,
                    "queueUrl": _queue_url(queue, host), "policy": queue.policy}
    raise ControlError("no queue %s in account %s" % (name, account_id), 404)

"""S3: no moto patch; operation names for stats and faults, and the bucket scope of root sessions.

S3 requests of a root session reach the member account's moto backends through the
access-key index (``routing``). The S3UnlockBucketPolicy session acts only on the
member account's own buckets (moto's shared bucket namespace would otherwise reach
other accounts' buckets): a bucket owned by another account (path-style addressing)
is AccessDenied. moto does not enforce bucket policies on these calls, so a "locked"
policy (Deny Principal * Action s3:*) can be read and removed, as root can in AWS.
"""

import re

from moto.s3.models import s3_backends

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
    ("DELETE", "object", "uploadId"): "AbortMultipartUpload",
    ("GET", "bucket", "uploads"): "ListMultipartUploads",
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


def foreign_bucket_arn(bucket, account_id):
    """The ARN of ``bucket`` if an account other than ``account_id`` owns it, else None."""
    if not bucket:
        return None
    owner = s3_backends.bucket_accounts.get(bucket)
    if owner is not None and owner[1] != account_id:
        return "arn:aws:s3:::%s" % bucket
    return None

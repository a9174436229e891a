"""What an AWS request is, read before moto sees it: service, action, protocol, key, target accounts.

Stats, faults and root-session rules all work on this description. The service comes
from the SigV4 credential scope; the action from the query ``Action``, the
``X-Amz-Target`` operation, or (S3, Security Hub) the method and path.
"""

import json
import re
from urllib.parse import parse_qs

from .services.routing import DEFAULT_ACCOUNT_ID, account_of_key
from .services.s3 import s3_action
from .wsgi import read_body

_SECURITY_HUB = {("POST", "/findings/import"): "BatchImportFindings", ("POST", "/findings"): "GetFindings",
                 ("GET", "/accounts"): "DescribeHub", ("POST", "/accounts"): "EnableSecurityHub",
                 ("DELETE", "/accounts"): "DisableSecurityHub"}
_CRED_RE = re.compile(r"Credential=([^/,\s]+)/[^/]+/([^/]+)/([^/]+)/")


class RequestInfo:
    __slots__ = ("service", "action", "protocol", "access_key", "params", "account", "targets", "bucket")


def describe_request(environ):
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
                doc = json.loads(read_body(environ) or b"{}")
            except ValueError:
                doc = None
            if isinstance(doc, dict):
                params.update({k: v for k, v in doc.items() if isinstance(v, str)})
    elif info.service == "securityhub":  # REST-JSON: the operation is the method and path
        info.protocol = "json"
        info.action = _SECURITY_HUB.get((environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/").rstrip("/")),
                                        "Unknown")
    elif info.service == "s3":
        info.protocol = "s3"
        path = environ.get("PATH_INFO", "/")
        info.action = s3_action(environ.get("REQUEST_METHOD", "GET"), path, query)
        info.bucket = path.lstrip("/").split("/", 1)[0] or None  # path-style addressing
    else:
        info.protocol = "query"
        ctype = environ.get("CONTENT_TYPE", "")
        if environ.get("REQUEST_METHOD") == "POST" and "x-www-form-urlencoded" in ctype:
            body = read_body(environ)
            params.update({k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()})
        info.action = params.get("Action", "Unknown")
    info.params = params
    info.account = account_of_key(info.access_key) if info.access_key else DEFAULT_ACCOUNT_ID
    info.targets = {info.account}
    if info.service == "organizations":  # e.g. ListTagsForResource, DescribeAccount target a member account
        info.targets.update(v for k, v in params.items() if k in ("ResourceId", "AccountId") and re.fullmatch(r"\d{12}", v))
    if info.action == "AssumeRoot" and params.get("TargetPrincipal"):
        m = re.search(r"(\d{12})", params["TargetPrincipal"])
        info.targets.add(m.group(1) if m else params["TargetPrincipal"])
    return info

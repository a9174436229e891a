"""Fault injection: AWS errors, request-rate quotas and delays on chosen requests.

Fault body: {"action": "AssumeRoot"|"*", "service": "sts"?, "target": "<acct>"?,
  "code"?, "status"?, "message"?, "count"?, "after"?, "rate"?, "perSecond"?, "delayMillis"?}. A request matches when the
  action (query ``Action``, the ``X-Amz-Target`` operation, or an S3 operation name
  derived from method/path) and the service (SigV4 credential scope) match and the
  target is the AssumeRoot TargetPrincipal, the Organizations ``ResourceId`` or
  ``AccountId`` (e.g. ListTagsForResource, DescribeAccount), or the account the
  request's key maps to (for a root session: the member account). ``count`` bounds how many requests
  fail (absent: all), ``after`` lets that many matching requests through first (e.g. the third page of a
  listing fails: ``"after": 2, "count": 1``), ``rate`` makes each match fail with that probability,
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
``entryErrorCode`` (with ``entryErrorMessage``) makes a fault fail entries of a batch instead of the whole
  request: the request succeeds, and each entry it matches is answered with that error code and not
  delivered; ``count`` then bounds how many entries fail. Only EventBridge PutEvents reads it (a partial
  failure: ``FailedEntryCount`` > 0), e.g. ``{"action": "PutEvents", "entryErrorCode": "ThrottlingException",
  "count": 3}`` fails the next three events put; request-level matching ignores such faults.
``failedFindings`` (BatchImportFindings only) is a partial failure: the request is answered normally
except that its first N findings come back in ``FailedFindings`` with the fault's code (default
InvalidInput) and message, and are not imported (``services.securityhub``).
"""

import random
import threading
import time

from .errors import ControlError
from .state import STATE

# Default (code, status) of an injected fault whose body names none, per protocol.
FAULT_DEFAULTS = {"query": ("Throttling", 400), "json": ("TooManyRequestsException", 400), "s3": ("SlowDown", 503),
                  "sqs-json": ("RequestThrottled", 400)}


def add_fault(body):
    """POST /_rootaudit/faults: validate a fault body and append it -> its id."""
    if not isinstance(body, dict):
        raise ControlError("fault must be a JSON object")
    action = body.get("action") or "*"
    service = body.get("service")
    count = body.get("count")
    after = body.get("after")
    if after is not None and not int(after) >= 0:
        raise ControlError("after must be 0 or more")
    rate = body.get("rate")
    if rate is not None and not 0 <= float(rate) <= 1:
        raise ControlError("rate must be between 0 and 1")
    per_second = body.get("perSecond")
    if per_second is not None and not float(per_second) > 0:
        raise ControlError("perSecond must be greater than 0")
    delay = body.get("delayMillis")
    if delay is not None and not 0 <= int(delay) <= 600000:
        raise ControlError("delayMillis must be between 0 and 600000")
    failed_findings = body.get("failedFindings")
    if failed_findings is not None and (action != "BatchImportFindings" or not int(failed_findings) > 0):
        raise ControlError("failedFindings needs action BatchImportFindings and a count greater than 0")
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
                "passThrough": int(after or 0),
                "rate": None if rate is None else float(rate),
                "perSecond": None if per_second is None else float(per_second),
                "bucket": {"tokens": float(per_second or 0), "at": time.monotonic()},
                "delayMillis": int(delay or 0),
                "entryErrorCode": body.get("entryErrorCode"),
                "entryErrorMessage": body.get("entryErrorMessage") or "Injected entry failure",
                "failedFindings": None if failed_findings is None else int(failed_findings),
                "fired": 0,
            }
        )
    return fault_id


def match_fault(info):
    """The first request fault that fires for this request (counting it), or None."""
    return _first_firing(lambda fault: not fault.get("entryErrorCode")  # those fail entries (match_entry_fault)
                         and fault["action"] in ("*", info.action)
                         and (not fault["service"] or fault["service"] == info.service)
                         and (not fault["target"] or fault["target"] in info.targets))


def match_entry_fault(action, account):
    """The first entry fault that fires for one entry of ``action`` put by ``account`` (counting it), or None."""
    return _first_firing(lambda fault: fault.get("entryErrorCode") and fault["action"] in ("*", action)
                         and (not fault["target"] or fault["target"] == account))


def _first_firing(matches):
    """The first fault that ``matches``, has count left and fires by its rate and quota; counted."""
    with STATE.lock:
        for fault in STATE.faults:
            if fault["remaining"] is not None and fault["remaining"] <= 0:
                continue
            if not matches(fault):
                continue
            if fault["passThrough"] > 0:
                fault["passThrough"] -= 1
                continue
            if fault["rate"] is not None and random.random() >= fault["rate"]:
                continue
            if fault["perSecond"] is not None and within_quota(fault):
                continue
            if fault["remaining"] is not None:
                fault["remaining"] -= 1
            fault["fired"] += 1
            return fault
    return None


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


_partial = threading.local()  # the partial-failure fault of the request this thread serves


def defer_partial_failure(fault):
    """The middleware lets a ``failedFindings`` fault's request through; the service applies it."""
    _partial.fault = fault


def take_partial_failure():
    """The ``failedFindings`` fault of the current request (once), or None."""
    fault = getattr(_partial, "fault", None)
    _partial.fault = None
    return fault

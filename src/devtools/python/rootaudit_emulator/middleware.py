"""The WSGI layer in front of moto: control endpoints, stats, latency, faults, root-session checks.

Order for an AWS request: count it (stats), wait the injected latency, apply the first
matching fault (faults are checked before root-session rules), then the root-session
rules; only a request that passes all of them reaches moto.
"""

import time

from . import control
from .errors import JSON_CODES, render_error
from .faults import FAULT_DEFAULTS, defer_partial_failure, match_fault
from .request_info import describe_request
from .root_sessions import check_root_session
from .services.organizations import organizations_backends
from .state import STATE
from .wsgi import send


class EmulatorMiddleware:
    """WSGI layer in front of moto: control endpoints, stats, latency, faults, root-session checks."""

    CONTROL_PREFIX = "/_rootaudit/"

    def __init__(self, moto_app):
        self.moto_app = moto_app
        self.port = None

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(self.CONTROL_PREFIX):
            return control.handle(environ, start_response, path[len(self.CONTROL_PREFIX):], self.port)
        if path.startswith("/moto-api/"):
            if path.rstrip("/") == "/moto-api/reset":
                STATE.clear()
                organizations_backends.master_accounts.clear()
            return self.moto_app(environ, start_response)

        info = describe_request(environ)
        with STATE.lock:
            STATE.stats[info.action] += 1
            seen = time.monotonic()
            STATE.first_seen.setdefault(info.action, seen)
            STATE.last_seen[info.action] = seen
            latency = STATE.latency_ms
        if latency > 0:
            time.sleep(latency / 1000.0)

        fault = match_fault(info)
        defer_partial_failure(None)
        if fault is not None and fault.get("failedFindings"):
            defer_partial_failure(fault)  # answered by moto, with some findings failed (services.securityhub)
            fault = None
        if fault is not None and fault["delayMillis"]:
            time.sleep(fault["delayMillis"] / 1000.0)  # a slow or hanging endpoint for the matching requests
            if fault["code"] is None and fault["status"] is None:
                fault = None  # a delay alone: answer normally, late
        if fault is not None:
            sqs_json = info.protocol == "json" and info.service == "sqs"
            code, status = FAULT_DEFAULTS["sqs-json" if sqs_json else info.protocol]
            return respond_error(start_response, info, fault["code"] or code, fault["message"], fault["status"] or status)

        session = STATE.sessions.get(info.access_key)
        if session is not None:
            denied = check_root_session(info, session)
            if denied is not None:
                return respond_error(start_response, info, *denied)
        return self.moto_app(environ, start_response)


def respond_error(start_response, info, code, message, status):
    """Answer an AWS error in the protocol of the request."""
    if info.protocol == "json" and info.service != "sqs":  # SQS keeps the query code (see render_error)
        code = JSON_CODES.get(code, code)
    status, headers, body = render_error(info.protocol, info.service, code, message, status)
    return send(start_response, status, body, headers)

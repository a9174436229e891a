"""The control endpoints under ``/_rootaudit/``: seeding, faults, latency, clock, stats, reset.

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

Body formats: organization in ``control.organization``, root-user state in
``root_user``, faults in ``faults``.
"""

import json
import logging
import re

from moto.core.exceptions import ServiceException
from werkzeug.exceptions import HTTPException

from ..errors import ControlError
from ..faults import add_fault
from ..root_user import normalize_root_state, root_state_to_json
from ..services.organizations import organizations_backends
from ..state import STATE
from ..wsgi import read_body, send_json
from .organization import build_organization
from .resources import create_credentials, read_bucket, read_queue, seed_bucket, seed_queue

log = logging.getLogger("rootaudit.emulator")


def handle(environ, start_response, sub, port):
    """Answer one control request (``sub``: the path after ``/_rootaudit/``) as JSON."""
    method = environ.get("REQUEST_METHOD", "GET")
    try:
        raw = read_body(environ)
        body = json.loads(raw) if raw.strip() else {}
        host = environ.get("HTTP_HOST") or "127.0.0.1:%s" % port
        result = dispatch(method, sub.strip("/"), body, host, port)
        return send_json(start_response, 200, result)
    except ControlError as exc:
        return send_json(start_response, exc.status, {"error": str(exc)})
    except HTTPException as exc:  # moto errors raised during seeding
        return send_json(start_response, 400, {"error": getattr(exc, "description", str(exc))})
    except ServiceException as exc:
        return send_json(start_response, 400, {"error": str(exc)})
    except json.JSONDecodeError as exc:
        return send_json(start_response, 400, {"error": "invalid JSON: %s" % exc})
    except Exception as exc:  # surface bugs to the caller instead of a bare 500
        log.exception("control request failed")
        return send_json(start_response, 500, {"error": "%s: %s" % (type(exc).__name__, exc)})


def dispatch(method, sub, body, host="127.0.0.1", port=None):
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
        return {"status": "ok", "port": port}
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


def reset_all():
    """POST /_rootaudit/reset: moto's state and the emulator's."""
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
    # BackendDict.reset() does not clear this side table of OrganizationsBackendDict.
    organizations_backends.master_accounts.clear()
    STATE.clear()

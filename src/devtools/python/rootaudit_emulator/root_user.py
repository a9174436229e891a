"""The root-user state of an account: what a root session's IAM calls read and change.

moto has no root user, so the emulator keeps one per account (``EmulatorState.root_states``)
and seeds it from this JSON (``PUT /_rootaudit/root-state/<acct>``, or an account's
``root`` in an organization body). Root-user state JSON (all fields optional)::

  {"createDate": iso, "password": {"createDate": iso, "lastUsed": iso|null,
   "passwordResetRequired": false} | null,
   "accessKeys": [{"id", "status", "createDate", "lastUsed", "service", "region"}],
   "signingCertificates": [{"id", "status", "uploadDate"}],
   "mfaDevices": [{"serial", "enableDate"}]}
"""

import datetime as dt
import random
import string

from .errors import ControlError
from .times import UTC, iso, parse_time


def _random_id(prefix, length, alphabet=string.ascii_uppercase + string.digits):
    return prefix + "".join(random.choice(alphabet) for _ in range(length - len(prefix)))


def _credential(item, id_prefix, id_length, date_field, default_date):
    """What an access key and a signing certificate share: an id (generated if absent), a status, a date."""
    return {
        "id": item.get("id") or _random_id(id_prefix, id_length),
        "status": item.get("status") or "Active",
        date_field: parse_time(item.get(date_field), default_date),
    }


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
    keys = [
        dict(
            _credential(k, "AKIA", 20, "createDate", create),
            lastUsed=parse_time(k.get("lastUsed")),
            service=k.get("service"),
            region=k.get("region"),
        )
        for k in doc.get("accessKeys") or []
    ]
    certs = [_credential(c, "", 32, "uploadDate", create) for c in doc.get("signingCertificates") or []]
    mfas = [
        {
            "serial": m.get("serial") or "arn:aws:iam::%s:mfa/root-account-mfa-device" % account_id,
            "enableDate": parse_time(m.get("enableDate"), create),
        }
        for m in doc.get("mfaDevices") or []
    ]
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

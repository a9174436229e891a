"""IAM seen from inside an account (not a root session): what the account's own principals
read about their root user.

AWS lets the management account's own IAM principals (or a role assumed there) see its
root user only through three reads, which moto 5.2.1 answers without any root user:

* ``GetAccountSummary``: ``AccountMFAEnabled``, ``AccountAccessKeysPresent``,
  ``AccountSigningCertificatesPresent`` and ``AccountPasswordPresent`` (absent from
  moto) are overlaid from the account's seeded root-user state (``root_user``).
* ``GenerateCredentialReport`` / ``GetCredentialReport``: the report gets the row of
  ``<root_account>`` (first, as in AWS) built from that state, and a ``GeneratedTime``
  that is when the report was generated (moto answers a fixed 2015 date). As in AWS,
  the root row says ``not_supported`` for ``password_enabled``,
  ``password_last_changed`` and ``password_next_rotation``.
* ``ListVirtualMFADevices``: the root's virtual devices (serials with ``:mfa/``) are
  listed with ``User.Arn = arn:<partition>:iam::<account>:root``; hardware TOTP and
  FIDO devices are not virtual and never appear, as in AWS.

Requests signed with a root-session key are not touched here: ``iam`` answers them.
"""

import datetime as dt

from moto.core.responses import ActionResult
from moto.iam.responses import IamResponse

from ..state import STATE, session_of

ROOT_ROW_USER = "<root_account>"
CSV_DATE = "%Y-%m-%dT%H:%M:%S+00:00"


def _csv_date(value):
    return "N/A" if value is None else value.astimezone(dt.timezone.utc).strftime(CSV_DATE)


def summary_overlay(st):
    """The root-user entries of GetAccountSummary's SummaryMap for a root-user state."""
    return {
        "AccountMFAEnabled": 1 if st["mfaDevices"] else 0,
        "AccountAccessKeysPresent": 1 if st["accessKeys"] else 0,
        "AccountSigningCertificatesPresent": 1 if st["signingCertificates"] else 0,
        "AccountPasswordPresent": 1 if st["password"] else 0,
    }


def root_report_row(st, account_id, partition="aws"):
    """The credential report's ``<root_account>`` row (22 columns, moto's header order)."""
    pw = st["password"]
    keys = st["accessKeys"]
    certs = st["signingCertificates"]
    fields = [
        ROOT_ROW_USER,
        "arn:%s:iam::%s:root" % (partition, account_id),
        _csv_date(st["createDate"]),
        "not_supported",  # password_enabled: not reported for root
        _csv_date(pw["lastUsed"]) if pw else "N/A",
        "not_supported",
        "not_supported",
        "true" if st["mfaDevices"] else "false",
    ]
    for i in range(2):
        if i < len(keys):
            k = keys[i]
            used = k["lastUsed"] is not None
            fields += [
                "true" if k["status"] == "Active" else "false",
                _csv_date(k["createDate"]),
                _csv_date(k["lastUsed"]),
                (k["region"] or "N/A") if used else "N/A",
                (k["service"] or "N/A") if used else "N/A",
            ]
        else:
            fields += ["false", "N/A", "N/A", "N/A", "N/A"]
    for i in range(2):
        if i < len(certs):
            fields += ["true" if certs[i]["status"] == "Active" else "false", _csv_date(certs[i]["uploadDate"])]
        else:
            fields += ["false", "N/A"]
    return ",".join(fields) + "\n"


def root_virtual_devices(st, account_id, partition="aws"):
    """ListVirtualMFADevices entries of the root's virtual devices."""
    arn = "arn:%s:iam::%s:root" % (partition, account_id)
    return [
        {
            "SerialNumber": m["serial"],
            "EnableDate": m["enableDate"],
            "User": {"Path": "/", "UserName": "root", "UserId": account_id, "Arn": arn,
                     "CreateDate": st["createDate"]},
        }
        for m in st["mfaDevices"]
        if m["serial"].startswith("arn:") and ":mfa/" in m["serial"]
    ]


def install():
    orig_summary = IamResponse.get_account_summary
    orig_generate = IamResponse.generate_credential_report
    orig_report = IamResponse.get_credential_report
    orig_virtual = IamResponse.list_virtual_mfa_devices

    def get_account_summary(self):
        if session_of(self) is not None:
            return orig_summary(self)
        summary = dict(self.backend.get_account_summary().summary_map)
        with STATE.lock:
            summary.update(summary_overlay(STATE.root_state(self.current_account)))
        return ActionResult({"SummaryMap": summary})

    def generate_credential_report(self):
        if session_of(self) is not None:
            return orig_generate(self)
        result = orig_generate(self)
        with STATE.lock:
            # The report is generated now (whole seconds, like IAM); keep the first time until reset.
            STATE.report_times.setdefault(self.current_account, STATE.now().replace(microsecond=0))
        return result

    def get_credential_report(self):
        if session_of(self) is not None:
            return orig_report(self)
        content = self.backend.get_credential_report()  # ReportNotPresent until generated
        header, _, users = content.partition("\n")
        with STATE.lock:
            row = root_report_row(STATE.root_state(self.current_account), self.current_account, self.partition)
            generated = STATE.report_times.get(self.current_account) or STATE.now().replace(microsecond=0)
        return ActionResult({"Content": header + "\n" + row + users, "ReportFormat": "text/csv",
                             "GeneratedTime": generated})

    def list_virtual_mfa_devices(self):
        if session_of(self) is not None:
            return orig_virtual(self)
        status = self._get_param("AssignmentStatus", "Any")
        devices, marker = self.backend.list_virtual_mfa_devices(status, self._get_param("Marker"),
                                                                self._get_param("MaxItems", 100))
        listed = []
        if status in ("Any", "Assigned") and not self._get_param("Marker"):
            with STATE.lock:
                listed = root_virtual_devices(STATE.root_state(self.current_account), self.current_account,
                                              self.partition)
        return ActionResult({"VirtualMFADevices": listed + list(devices), "IsTruncated": bool(marker), "Marker": marker})

    IamResponse.get_account_summary = get_account_summary
    IamResponse.generate_credential_report = generate_credential_report
    IamResponse.get_credential_report = get_credential_report
    IamResponse.list_virtual_mfa_devices = list_virtual_mfa_devices

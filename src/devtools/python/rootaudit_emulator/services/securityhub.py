"""Security Hub CSPM as a finding provider sees it: BatchImportFindings and GetFindings for the caller's account.

moto 5.2.1 serves EnableSecurityHub, DescribeHub, BatchImportFindings and GetFindings, but its
BatchImportFindings accepts any finding into any hub (also a disabled one, also for another
account), keys findings by ``Id`` alone, merges an update into the stored finding (a field that
an update leaves out survives), and its GetFindings ignores ``Filters``. AWS (API reference of
BatchImportFindings; "BatchImportFindings for finding providers" in the user guide):

- a finding is identified by ``ProductArn`` and ``Id``: the same pair again updates it;
- the hub must be enabled, and with the default product
  (``arn:<partition>:securityhub:<region>:<account>:product/<account>/default``) ``AwsAccountId`` must be
  the calling account; otherwise the finding is in ``FailedFindings``;
- at most 100 findings per call (else InvalidInputException), 240 KB per finding;
- an update replaces what the provider sent, but cannot change ``Note``, ``UserDefinedFields``,
  ``VerificationState`` or ``Workflow`` (customers own them, through BatchUpdateFindings), and its
  ``UpdatedAt`` must not go back in time.

This module makes moto do that, and makes GetFindings honour the string filters a client of
rootaudit's export uses (``Id``, ``ProductArn``, ``GeneratorId``, ``AwsAccountId``, ``RecordState``,
``ComplianceStatus``, ``WorkflowStatus``, ``ResourceId``; EQUALS, NOT_EQUALS, PREFIX).

Partial failures can be injected: a fault with ``failedFindings: N`` on BatchImportFindings lets the
request through and reports its first N findings in ``FailedFindings`` with the fault's code and
message (default InvalidInput), without storing them (see ``faults``).
"""

import datetime
import json
import re

from moto.core.exceptions import ServiceException
from moto.securityhub.models import Finding, SecurityHubBackend
from moto.utilities.paginator import paginate

from ..faults import take_partial_failure

MAX_FINDINGS = 100
MAX_FINDING_BYTES = 240 * 1024
REQUIRED = ("AwsAccountId", "CreatedAt", "Description", "GeneratorId", "Id", "ProductArn", "Resources",
            "SchemaVersion", "Title", "Types", "UpdatedAt")
CUSTOMER_OWNED = ("Note", "UserDefinedFields", "VerificationState", "Workflow")
FILTERS = {
    "Id": lambda f: f.get("Id"),
    "ProductArn": lambda f: f.get("ProductArn"),
    "GeneratorId": lambda f: f.get("GeneratorId"),
    "AwsAccountId": lambda f: f.get("AwsAccountId"),
    "RecordState": lambda f: f.get("RecordState"),
    "ComplianceStatus": lambda f: (f.get("Compliance") or {}).get("Status"),
    "WorkflowStatus": lambda f: (f.get("Workflow") or {}).get("Status"),
    "ResourceId": lambda f: [r.get("Id") for r in f.get("Resources") or []],
}


class SecurityHubError(ServiceException):
    """An error of the whole call, in Security Hub's REST-JSON form (defined outside ``moto.*``: see the notes)."""

    def __init__(self, code, message):
        super().__init__(code, message)


def _partition(region):
    return "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"


def default_product_arn(region, account_id):
    return "arn:%s:securityhub:%s:%s:product/%s/default" % (_partition(region), region, account_id, account_id)


def _problem(backend, finding):
    """Why AWS would refuse this finding, or None."""
    missing = [k for k in REQUIRED if not finding.get(k)]
    if missing or not (finding.get("Severity") or finding.get("FindingProviderFields", {}).get("Severity")):
        return "InvalidInput", "Finding is missing required fields: %s" % ", ".join(missing or ["Severity"])
    if len(json.dumps(finding).encode("utf-8")) > MAX_FINDING_BYTES:
        return "InvalidInput", "Finding exceeds the maximum size of 240 KB"
    if finding["ProductArn"] == default_product_arn(backend.region_name, backend.account_id):
        if finding["AwsAccountId"] != backend.account_id:
            return "AccessDeniedException", "AwsAccountId %s is not the calling account %s" % (
                finding["AwsAccountId"], backend.account_id)
    else:
        return "InvalidAccess", "Product %s is not enabled for account %s" % (finding["ProductArn"], backend.account_id)
    return None


def batch_import_findings(self, findings):
    if len(findings) > MAX_FINDINGS:
        raise SecurityHubError("InvalidInputException", "BatchImportFindings accepts at most 100 findings per call")
    injected = take_partial_failure()
    failed = []
    imported = 0
    for index, finding in enumerate(findings):
        problem = None
        if injected is not None and index < injected["failedFindings"]:
            problem = (injected["code"] or "InvalidInput", injected["message"])
        elif not self.enabled:
            problem = ("InvalidAccess", "Account %s is not subscribed to AWS Security Hub" % self.account_id)
        else:
            problem = _problem(self, finding)
        if problem is not None:
            failed.append({"Id": finding.get("Id", ""), "ErrorCode": problem[0], "ErrorMessage": problem[1]})
            continue
        key = (finding["ProductArn"], finding["Id"])
        existing = next((f for f in self.findings if (f.data.get("ProductArn"), f.id) == key), None)
        if existing is None:
            stored = dict(finding)
            stored.setdefault("RecordState", "ACTIVE")
            stored.setdefault("Workflow", {"Status": "NEW"})
            self.findings.append(Finding(finding["Id"], stored))
        elif _instant(finding["UpdatedAt"]) < _instant(existing.data.get("UpdatedAt")):
            failed.append({"Id": finding["Id"], "ErrorCode": "InvalidInput",
                           "ErrorMessage": "UpdatedAt must not be earlier than the finding's current UpdatedAt"})
            continue
        else:
            updated = dict(finding)
            for key_ in CUSTOMER_OWNED:
                updated.pop(key_, None)
                if key_ in existing.data:
                    updated[key_] = existing.data[key_]
            updated.setdefault("RecordState", existing.data.get("RecordState", "ACTIVE"))
            existing.data = updated
        imported += 1
    return len(failed), imported, failed


def _instant(text):
    """An ASFF timestamp (RFC 3339, any number of fraction digits, Z or an offset) as a comparable datetime."""
    if not text:
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    m = re.fullmatch(r"(.{19})(?:\.(\d+))?(Z|[+-]\d\d:\d\d)", text)
    if m is None:
        raise SecurityHubError("InvalidInputException", "UpdatedAt is not an RFC 3339 timestamp: %s" % text)
    fraction = (m.group(2) or "")[:6].ljust(6, "0")
    offset = "+00:00" if m.group(3) == "Z" else m.group(3)
    return datetime.datetime.fromisoformat("%s.%s%s" % (m.group(1), fraction, offset))


def _matches(value, criteria):
    values = value if isinstance(value, list) else [value]
    positive = [c for c in criteria if c.get("Comparison", "EQUALS") in ("EQUALS", "PREFIX")]
    negative = [c for c in criteria if c.get("Comparison") in ("NOT_EQUALS", "PREFIX_NOT_EQUALS")]
    for c in negative:
        if any(v is not None and (v == c["Value"] if c["Comparison"] == "NOT_EQUALS" else v.startswith(c["Value"]))
               for v in values):
            return False
    if not positive:
        return True
    return any(v is not None and (v == c["Value"] if c.get("Comparison", "EQUALS") == "EQUALS" else v.startswith(c["Value"]))
               for c in positive for v in values)


@paginate(pagination_model=SecurityHubBackend.PAGINATION_MODEL)
def get_findings(self, filters=None, sort_criteria=None, max_results=None):
    if max_results is not None and not 1 <= int(max_results) <= 100:
        raise SecurityHubError("InvalidInputException", "MaxResults must be a number between 1 and 100")
    unknown = sorted(set(filters or {}) - set(FILTERS))
    if unknown:
        raise SecurityHubError("InvalidInputException", "the emulator does not filter on %s" % ", ".join(unknown))
    return [f.as_dict() for f in self.findings
            if all(_matches(FILTERS[name](f.data), criteria) for name, criteria in (filters or {}).items())]


def install():
    SecurityHubBackend.batch_import_findings = batch_import_findings
    SecurityHubBackend.get_findings = get_findings

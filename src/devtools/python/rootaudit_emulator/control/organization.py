"""POST /_rootaudit/organization: build a whole organization in one call.

Organization body (everything optional)::

  {"managementAccountId": "123456789012", "managementAccountName": "Management",
   "managementEmail": "...", "featureSet": "ALL"|"CONSOLIDATED_BILLING",
   "trustedAccess": true, "rootCredentialsManagement": true, "rootSessions": true,
   "ous": [{"key", "name", "parent": key|null}],
   "accounts": [{"key", "id"?, "name", "email", "ou": key|null, "state": ACTIVE|SUSPENDED|
                 PENDING_CLOSURE|CLOSED|PENDING_ACTIVATION, "tags": {}, "joinedTimestamp": iso,
                 "joinedMethod": "CREATED"|"INVITED", "root": <root-user state>|null}],
   "delegatedAdministrator": account key or id (IAM delegated administrator),
   "managementRoot": <root-user state> of the management account's root, which its own
                     IAM principals read (``services.account_root``)}

  Booleans default to true. Account Status follows State (CLOSED -> SUSPENDED,
  PENDING_ACTIVATION -> ACTIVE). Accounts are listed in JoinedTimestamp order; by
  default they get distinct timestamps in input order. 409 if an organization
  already exists (reset first); on a 400 nothing is left behind.
"""

import datetime as dt
import re

from moto.organizations import utils as org_utils
from moto.organizations.models import FakeAccount, organizations_backends

from ..errors import ControlError
from ..root_user import normalize_root_state
from ..services.iam import FEATURE_CREDS, FEATURE_SESSIONS
from ..services.organizations import IAM_PRINCIPAL
from ..services.routing import DEFAULT_ACCOUNT_ID
from ..state import STATE
from ..times import UTC, iso, naive_utc, parse_time


def build_organization(body):
    """POST /_rootaudit/organization: create an organization directly in moto's backends.

    Accounts are built without FakeAccount.__init__ (which creates an IAM role in a
    fresh IAM backend per account) and without attach_policy (an O(n) scan per
    call), so 10,000 accounts take about a second.
    """
    obs = organizations_backends
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

    if body.get("managementRoot") is not None:
        root_states[mgmt_id] = normalize_root_state(body["managementRoot"], mgmt_id)

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


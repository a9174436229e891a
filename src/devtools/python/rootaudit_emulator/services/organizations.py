"""Organizations: IAM as a trusted service, paging that terminates, delegated administrators' reads.

* ``iam.amazonaws.com`` is accepted for trusted access and delegated administration
  (moto 5.2.1 refuses it; AWS accepts it since Nov 2024).
* ListAccounts/ListAccountsForParent paginate by position (moto's paginator keys
  ListAccounts on JoinedTimestamp, which is not unique for bulk-created accounts and
  would loop forever) and account lookups use a cached id index.
* Accounts always describe their ``State``.
* A delegated administrator's List*/Describe* calls read the organization (moto keeps
  it in the management account's backend only).

The lookups here (``org_backend_of``, ``account_view``...) also serve AssumeRoot, the
IAM organization features and organization seeding.
"""

import base64

from moto.organizations.exceptions import (
    AccountNotFoundException,
    AWSOrganizationsNotInUseException,
    InvalidInputException,
)
from moto.organizations.models import (
    FakeAccount,
    FakeDelegatedAdministrator,
    FakeServiceAccess,
    OrganizationsBackend,
    organizations_backends,
)
from moto.organizations.responses import OrganizationsResponse

IAM_PRINCIPAL = "iam.amazonaws.com"


def org_backend_of(account_id):
    """The OrganizationsBackend holding the organization ``account_id`` belongs to, or None.

    Uses plain dict lookups: ``organizations_backends[x]`` would create backends.
    """
    obs = organizations_backends
    own = dict.get(obs, account_id)
    if own is not None:
        backend = dict.get(own, "aws")
        if backend is not None and backend.org is not None:
            return backend
    master = obs.master_accounts.get(account_id)
    if master is not None:
        backend = obs[master[0]][master[1]]
        if backend.org is not None:
            return backend
    return None


def account_view(backend):
    """Cached (ordered accounts, id -> account, id -> position) for an OrganizationsBackend.

    Rebuilt when the account list object, its length or its last element changes
    (every moto mutation of the list appends, removes or replaces the list).
    """
    accounts = backend.accounts
    cache = backend.__dict__.get("_rootaudit_view")
    if (
        cache is None
        or cache[0] is not accounts
        or cache[1] != len(accounts)
        or (accounts and cache[2] is not accounts[-1])
    ):
        ordered = [a for _, a in sorted(enumerate(accounts), key=lambda p: (p[1].create_time, p[0]))]
        by_id = {a.id: a for a in ordered}
        pos = {a.id: i for i, a in enumerate(ordered)}
        cache = (accounts, len(accounts), accounts[-1] if accounts else None, ordered, by_id, pos)
        backend.__dict__["_rootaudit_view"] = cache
    return cache[3], cache[4], cache[5]


def is_iam_delegated_admin(backend, account_id):
    return any(a.account.id == account_id and IAM_PRINCIPAL in a.services for a in backend.admins)


def has_iam_trusted_access(backend):
    return any(s.get("ServicePrincipal") == IAM_PRINCIPAL for s in backend.services)


def _page(accounts, max_results, next_token, position_of):
    """Position-based pagination with the id of the first account of the next page as token.

    ``position_of(id)`` is where the account with that id stands in ``accounts`` (raises if nowhere).
    """
    start = 0
    if next_token:
        try:
            start = position_of(base64.urlsafe_b64decode(next_token.encode()).decode())
        except Exception:
            raise InvalidInputException("The provided NextToken is not valid.")
    limit = int(max_results) if max_results else 20
    page = accounts[start : start + limit]
    token = None
    if start + limit < len(accounts):
        token = base64.urlsafe_b64encode(accounts[start + limit].id.encode()).decode()
    return page, token


def install():
    # ---- IAM is a trusted / delegatable service since Nov 2024.
    if IAM_PRINCIPAL not in FakeServiceAccess.TRUSTED_SERVICES:
        FakeServiceAccess.TRUSTED_SERVICES.append(IAM_PRINCIPAL)
    if IAM_PRINCIPAL not in FakeDelegatedAdministrator.SUPPORTED_SERVICES:
        FakeDelegatedAdministrator.SUPPORTED_SERVICES.append(IAM_PRINCIPAL)

    # Accounts: moto 5.2.1 already has `state`; make sure objects built without
    # __init__ (bulk seeding) or by older code paths always expose State.
    orig_account_describe = FakeAccount.describe

    def account_describe(self):
        if not hasattr(self, "state"):
            self.state = self.status
        result = orig_account_describe(self)
        result.setdefault("State", self.state)
        return result

    FakeAccount.describe = account_describe

    def get_account_by_id(self, account_id):
        account = account_view(self)[1].get(account_id)
        if account is None:
            raise AccountNotFoundException
        return account

    def list_accounts(self, max_results=None, next_token=None):
        if self.org is None and self.account_id not in organizations_backends.master_accounts:
            raise AWSOrganizationsNotInUseException  # moto would answer an empty list
        ordered, _, pos = account_view(self)
        page, token = _page(ordered, max_results, next_token, pos.__getitem__)
        return [a.describe() for a in page], token

    def list_accounts_for_parent(self, parent_id, max_results=None, next_token=None):
        parent_id = self.validate_parent_id(parent_id)
        children = [a for a in account_view(self)[0] if a.parent_id == parent_id]
        return _page(children, max_results, next_token,
                     lambda raw: next(i for i, a in enumerate(children) if a.id == raw) if raw else 0)

    OrganizationsBackend.get_account_by_id = get_account_by_id
    OrganizationsBackend.list_accounts = list_accounts
    OrganizationsBackend.list_accounts_for_parent = list_accounts_for_parent

    # moto keeps an organization in its management account's backend, so read calls from a delegated
    # administrator (a member account) would see an empty organization. AWS lets delegated administrators
    # read the organization: route their List*/Describe* calls to the organization's backend.
    def organizations_backend(self):
        own = organizations_backends[self.current_account][self.partition]
        if own.org is not None:
            return own
        action = self._get_action() if hasattr(self, "_get_action") else ""
        org = org_backend_of(self.current_account)
        if org is not None and action.startswith(("List", "Describe")) and any(
                a.account.id == self.current_account for a in org.admins):
            return org
        return own

    OrganizationsResponse.organizations_backend = property(organizations_backend)

"""Which account a request belongs to: an O(1) index of access keys.

moto picks the account of a request from the access key in its signature:
``moto.iam.models.get_account_id_from`` (how moto maps the access key of a request to
an account) scans every account's IAM backend on every request (O(accounts)). It is
replaced by a dict index, fed by hooks on the only IAMBackend methods that add or
remove access keys. Keys moto never issued (dummy keys) fall back to moto's scan once,
which answers the default account 123456789012. The same index routes a root
session's key into its member account, for every service (IAM, STS, S3, SQS).
"""

import sys

import moto.iam.models as iam_models
from moto.iam.models import IAMBackend

from ..state import STATE

DEFAULT_ACCOUNT_ID = "123456789012"  # moto's account for unknown (dummy) keys


def account_of_key(access_key):
    """The account moto routes a request signed with ``access_key`` to."""
    return iam_models.get_account_id_from(access_key)


def install():
    # moto.core.responses.BaseResponse.get_current_account imports this function by
    # name *inside* the method on every call, so replacing the module attribute is
    # enough (no other module binds it at import time in 5.2.1).
    original_get_account_id_from = iam_models.get_account_id_from

    def indexed_get_account_id_from(access_key):
        account = STATE.key_index.get(access_key)
        if account is not None:
            return account
        account = STATE.fallback_cache.get(access_key)
        if account is None:
            # Unknown to the index (e.g. the dummy key "testing"): ask moto once.
            # Every key moto creates goes through the hooks below, so a key absent
            # from the index cannot appear later under the same id.
            account = original_get_account_id_from(access_key)
            if len(STATE.fallback_cache) < 100000:
                STATE.fallback_cache[access_key] = account
        return account

    iam_models.get_account_id_from = indexed_get_account_id_from
    # Defensive: rebind any moto module that imported the function by name at import time.
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("moto.") and getattr(module, "get_account_id_from", None) is original_get_account_id_from:
            module.get_account_id_from = indexed_get_account_id_from

    # The only IAMBackend methods that add to / remove from IAMBackend.access_keys.
    orig_create_access_key = IAMBackend.create_access_key
    orig_create_temp_access_key = IAMBackend.create_temp_access_key
    orig_delete_access_key_by_name = IAMBackend.delete_access_key_by_name

    def create_access_key(self, *args, **kwargs):
        key = orig_create_access_key(self, *args, **kwargs)
        STATE.key_index[key.access_key_id] = self.account_id
        return key

    def create_temp_access_key(self, *args, **kwargs):
        key = orig_create_temp_access_key(self, *args, **kwargs)
        STATE.key_index[key.access_key_id] = self.account_id
        return key

    def delete_access_key_by_name(self, name):
        orig_delete_access_key_by_name(self, name)
        STATE.key_index.pop(name, None)
        STATE.fallback_cache.pop(name, None)

    IAMBackend.create_access_key = create_access_key
    IAMBackend.create_temp_access_key = create_temp_access_key
    IAMBackend.delete_access_key_by_name = delete_access_key_by_name

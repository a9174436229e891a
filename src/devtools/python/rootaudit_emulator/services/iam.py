"""IAM: the root user inside a root session, and the organization-features actions.

* The IAM root-user actions (GetUser, GetLoginProfile, ListAccessKeys, ...) of
  ``moto.iam.responses.IamResponse`` are wrapped: requests signed with a root
  session key are answered from the emulator's root-user state of the target
  account (``root_user``); every other request goes to moto unchanged.
* The IAM organization-features actions (ListOrganizationsFeatures,
  Enable/DisableOrganizationsRoot*) are added to ``IamResponse``.

Root-session IAM semantics: delete calls return NoSuchEntity 404 when the item is
already gone; DeactivateMFADevice removes the device from ListMFADevices;
DeleteVirtualMFADevice is AccessDenied in every task; CreateLoginProfile (no
password allowed) stamps CreateDate = emulator now (whole seconds) and answers
EntityAlreadyExists 409 when root already has a password.
"""

from moto.core.responses import ActionResult, EmptyResult
from moto.iam.responses import IamResponse

from ..errors import AwsError
from ..state import STATE, session_of
from .account_root import summary_overlay
from .organizations import has_iam_trusted_access, is_iam_delegated_admin, org_backend_of

FEATURE_CREDS = "RootCredentialsManagement"
FEATURE_SESSIONS = "RootSessions"


# --------------------------------------------------- IAM organization features


def org_features(resp, change):
    """ListOrganizationsFeatures (change=None) or Enable/Disable (change=(feature, on))."""
    caller = resp.current_account
    backend = org_backend_of(caller)
    if backend is None:
        raise AwsError("OrganizationNotFoundException", "The caller is not in an organization.", 400)
    org = backend.org
    if org.feature_set != "ALL":
        raise AwsError(
            "OrganizationNotInAllFeaturesModeException",
            "The organization %s is not in all features mode." % org.id,
            400,
        )
    is_mgmt = caller == org.master_account_id
    if not is_mgmt and not is_iam_delegated_admin(backend, caller):
        raise AwsError(
            "AccountNotManagementOrDelegatedAdministratorException",
            "The account %s is not the management account or a delegated administrator." % caller,
            400,
        )
    if change is not None and not is_mgmt:
        raise AwsError(
            "CallerIsNotManagementAccountException",
            "Only the management account can enable or disable organization features.",
            400,
        )
    if not has_iam_trusted_access(backend):
        raise AwsError(
            "ServiceAccessNotEnabledException",
            "Trusted access for iam.amazonaws.com is not enabled for organization %s." % org.id,
            400,
        )
    with STATE.lock:
        enabled = STATE.features.setdefault(org.id, set())
        if change is not None:
            feature, on = change
            (enabled.add if on else enabled.discard)(feature)
        features = [f for f in (FEATURE_CREDS, FEATURE_SESSIONS) if f in enabled]
    return {"OrganizationId": org.id, "EnabledFeatures": features}


# ------------------------------------------------------- IAM in a root session


def _no_such_entity(message):
    return AwsError("NoSuchEntity", message, 404)


def _root_get_user(resp, session, st):
    acct = session.account_id
    user = {"UserId": acct, "Arn": "arn:%s:iam::%s:root" % (resp.partition, acct), "CreateDate": st["createDate"]}
    if st["password"] and st["password"]["lastUsed"]:
        user["PasswordLastUsed"] = st["password"]["lastUsed"]
    return {"User": user}


def _root_get_login_profile(resp, session, st):
    pw = st["password"]
    if pw is None:
        raise _no_such_entity("Login Profile for User root cannot be found.")
    return {"LoginProfile": {"CreateDate": pw["createDate"], "PasswordResetRequired": pw["passwordResetRequired"]}}


def _root_create_login_profile(resp, session, st):
    if resp._get_param("Password"):
        raise AwsError("ValidationError", "Password must be omitted in a root session.", 400)
    if st["password"] is not None:
        raise AwsError("EntityAlreadyExists", "Login Profile for User root already exists.", 409)
    # IAM timestamps have whole seconds (and root-state JSON carries seconds): keep both views equal.
    st["password"] = {"createDate": STATE.now().replace(microsecond=0), "lastUsed": None, "passwordResetRequired": False}
    return _root_get_login_profile(resp, session, st)


def _root_delete_login_profile(resp, session, st):
    if st["password"] is None:
        raise _no_such_entity("Login Profile for User root cannot be found.")
    st["password"] = None
    return None


def _root_list_access_keys(resp, session, st):
    return {
        "AccessKeyMetadata": [
            {"AccessKeyId": k["id"], "Status": k["status"], "CreateDate": k["createDate"]} for k in st["accessKeys"]
        ],
        "IsTruncated": False,
    }


def _find(items, field, value, what):
    for item in items:
        if item[field] == value:
            return item
    raise _no_such_entity("The %s with id %s cannot be found." % (what, value))


def _root_get_access_key_last_used(resp, session, st):
    key = _find(st["accessKeys"], "id", resp._get_param("AccessKeyId"), "Access Key")
    last = {"ServiceName": "N/A", "Region": "N/A"}
    if key["lastUsed"] is not None:
        last = {"LastUsedDate": key["lastUsed"], "ServiceName": key["service"] or "N/A", "Region": key["region"] or "N/A"}
    return {"UserName": "root", "AccessKeyLastUsed": last}


def _root_delete_access_key(resp, session, st):
    st["accessKeys"].remove(_find(st["accessKeys"], "id", resp._get_param("AccessKeyId"), "Access Key"))


def _root_list_signing_certificates(resp, session, st):
    return {
        "Certificates": [
            # CertificateBody is required by the model; the emulator has no real PEM.
            {"CertificateId": c["id"], "Status": c["status"], "UploadDate": c["uploadDate"], "CertificateBody": "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----", "UserName": "root"}
            for c in st["signingCertificates"]
        ],
        "IsTruncated": False,
    }


def _root_delete_signing_certificate(resp, session, st):
    st["signingCertificates"].remove(
        _find(st["signingCertificates"], "id", resp._get_param("CertificateId"), "Signing Certificate")
    )


def _root_list_mfa_devices(resp, session, st):
    return {
        "MFADevices": [{"SerialNumber": m["serial"], "EnableDate": m["enableDate"]} for m in st["mfaDevices"]],
        "IsTruncated": False,
    }


def _root_deactivate_mfa_device(resp, session, st):
    st["mfaDevices"].remove(_find(st["mfaDevices"], "serial", resp._get_param("SerialNumber"), "MFA Device"))


def _root_get_account_summary(resp, session, st):
    return {"SummaryMap": summary_overlay(st)}


ROOT_IAM_IMPLS = {
    "get_user": _root_get_user,
    "get_login_profile": _root_get_login_profile,
    "create_login_profile": _root_create_login_profile,
    "delete_login_profile": _root_delete_login_profile,
    "list_access_keys": _root_list_access_keys,
    "get_access_key_last_used": _root_get_access_key_last_used,
    "delete_access_key": _root_delete_access_key,
    "list_signing_certificates": _root_list_signing_certificates,
    "delete_signing_certificate": _root_delete_signing_certificate,
    "list_mfa_devices": _root_list_mfa_devices,
    "deactivate_mfa_device": _root_deactivate_mfa_device,
    "get_account_summary": _root_get_account_summary,
}


def install():
    # ---- IAM root-user actions: root sessions are answered from STATE, others by moto.
    def wrap(name, root_impl):
        original = getattr(IamResponse, name)

        def method(self):
            session = session_of(self)
            if session is None:
                return original(self)
            with STATE.lock:
                result = root_impl(self, session, STATE.root_state(session.account_id))
            return EmptyResult() if result is None else ActionResult(result)

        method.__name__ = name
        setattr(IamResponse, name, method)

    for name, impl in ROOT_IAM_IMPLS.items():
        wrap(name, impl)

    # ---- IAM organization features (absent from moto 5.2.1)
    IamResponse.list_organizations_features = lambda self: ActionResult(org_features(self, None))
    IamResponse.enable_organizations_root_credentials_management = lambda self: ActionResult(
        org_features(self, (FEATURE_CREDS, True))
    )
    IamResponse.enable_organizations_root_sessions = lambda self: ActionResult(
        org_features(self, (FEATURE_SESSIONS, True))
    )
    IamResponse.disable_organizations_root_credentials_management = lambda self: ActionResult(
        org_features(self, (FEATURE_CREDS, False))
    )
    IamResponse.disable_organizations_root_sessions = lambda self: ActionResult(
        org_features(self, (FEATURE_SESSIONS, False))
    )

"""Tests of the rootaudit loopback AWS emulator (src/main/resources/emulator/rootaudit_emulator.py).

Run from the worktree root:  python3 -m unittest discover -s src/test/python -v

The emulator runs as a subprocess on a free port; boto3 (same service models as
the AWS SDK for Java) drives the AWS side, urllib the control endpoints.
"""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
EMULATOR = os.path.normpath(os.path.join(HERE, "..", "..", "main", "resources", "emulator", "rootaudit_emulator.py"))
AUDIT = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
DELETE = "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials"
CREATE_PW = "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword"
S3_UNLOCK = "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"
SQS_UNLOCK = "arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy"
DENY_ALL_S3 = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Locked", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::locked-bucket",
                                                                                       "arn:aws:s3:::locked-bucket/*"]}]})
MGMT = "123456789012"
NO_RETRY = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30)


def start_emulator(*extra, env=None):
    """Start the emulator; return (process, port). Raises if it is not ready within 30 s."""
    proc = subprocess.Popen(
        [sys.executable, EMULATOR, "--port", "0", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(30)
    if not line or not line[0].startswith("ROOTAUDIT_EMULATOR_READY port="):
        proc.kill()
        raise RuntimeError("emulator not ready: %r %s" % (line, proc.stderr.read()))
    return proc, int(line[0].strip().split("port=")[1])


PROC = None
ENDPOINT = None
_clients = {}
_session = None


def setUpModule():
    global PROC, ENDPOINT, _session
    os.environ.pop("MOTO_ACCOUNT_ID", None)
    PROC, port = start_emulator("--exit-on-stdin-eof")
    ENDPOINT = "http://127.0.0.1:%d" % port
    # One shared session: creating a Session per client costs ~0.1 s.
    _session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")


def stop_emulator(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream and not stream.closed:
            stream.close()


def tearDownModule():
    if PROC is not None:
        stop_emulator(PROC)


def client(service, creds=None):
    """A boto3 client against the emulator; creds = dict from AssumeRoot/credentials endpoint."""
    key = (service, None if creds is None else creds["AccessKeyId"])
    if key not in _clients:
        kwargs = {}
        if creds is not None:
            kwargs = dict(
                aws_access_key_id=creds["AccessKeyId"],
                aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds.get("SessionToken"),
            )
        _clients[key] = _session.client(service, endpoint_url=ENDPOINT, config=NO_RETRY, **kwargs)
    return _clients[key]


def ctl(method, path, body=None, expect=200):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(ENDPOINT + "/_rootaudit/" + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            status, payload = resp.status, resp.read()
    except urllib.error.HTTPError as err:
        status, payload = err.code, err.read()
    result = json.loads(payload) if payload else None
    if expect is not None and status != expect:
        raise AssertionError("%s %s -> %s %s" % (method, path, status, result))
    return result


def member_creds(account_id):
    c = ctl("POST", "credentials/%s" % account_id)
    return {"AccessKeyId": c["accessKeyId"], "SecretAccessKey": c["secretAccessKey"]}


ROOT_A1 = {
    "createDate": "2019-05-06T07:08:09Z",
    "password": {"createDate": "2020-02-03T04:05:06Z", "lastUsed": "2024-01-02T03:04:05Z", "passwordResetRequired": False},
    "accessKeys": [
        {"id": "AKIAUSEDROOTKEY00001", "status": "Active", "createDate": "2020-01-01T00:00:00Z",
         "lastUsed": "2024-06-01T12:00:00Z", "service": "s3", "region": "eu-west-1"},
        {"id": "AKIANEVERUSEDKEY0002", "status": "Inactive", "createDate": "2021-01-01T00:00:00Z"},
    ],
    "signingCertificates": [{"id": "CERT0000000000000000000000000001", "status": "Active", "uploadDate": "2021-01-01T00:00:00Z"}],
    "mfaDevices": [
        {"serial": "arn:aws:iam::{acct}:mfa/root-account-mfa-device", "enableDate": "2020-01-01T00:00:00Z"},
        {"serial": "GAHT12345678", "enableDate": "2020-01-02T00:00:00Z"},
        {"serial": "arn:aws:iam::{acct}:u2f/root-account-mfa-device/abc", "enableDate": "2020-01-03T00:00:00Z"},
    ],
}


def standard_org(**overrides):
    body = {
        "managementAccountName": "Management",
        "managementEmail": "mgmt@example.com",
        "featureSet": "ALL",
        "trustedAccess": True,
        "rootCredentialsManagement": True,
        "rootSessions": True,
        "ous": [{"key": "prod-eu", "name": "EU", "parent": "prod"}, {"key": "prod", "name": "Production", "parent": None}],
        "accounts": [
            {"key": "a1", "id": "210987654321", "name": "Payments Prod", "email": "a1@example.com", "ou": "prod-eu",
             "tags": {"env": "prod"}, "joinedTimestamp": "2021-03-04T05:06:07Z", "root": ROOT_A1},
            {"key": "bare", "id": "210000000002", "name": "Credential-less", "ou": "prod"},
            {"key": "admin", "id": "210000000003", "name": "Security Tooling"},
            {"key": "plain", "id": "210000000004", "name": "Sandbox"},
            {"key": "suspended", "id": "210000000005", "state": "SUSPENDED"},
            {"key": "closed", "id": "210000000006", "state": "CLOSED"},
            {"key": "closing", "id": "210000000007", "state": "PENDING_CLOSURE"},
        ],
        "delegatedAdministrator": "admin",
    }
    body.update(overrides)
    # the serial templates need the account id
    for acct in body["accounts"]:
        if acct.get("root") is ROOT_A1:
            acct["root"] = json.loads(json.dumps(ROOT_A1).replace("{acct}", acct["id"]))
    return body


class EmulatorTestCase(unittest.TestCase):
    org_body = None

    def setUp(self):
        ctl("POST", "reset", {})
        self.org = ctl("POST", "organization", standard_org(**(self.org_body or {})))
        self.a1 = self.org["accounts"]["a1"]

    def assume(self, target, policy=AUDIT, caller=None, **kwargs):
        return client("sts", caller).assume_root(TargetPrincipal=target, TaskPolicyArn={"arn": policy}, **kwargs)["Credentials"]

    def assertAwsError(self, code, status, fn, *args, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(*args, **kwargs)
        err = ctx.exception.response
        self.assertEqual(code, err["Error"]["Code"], err)
        self.assertEqual(status, err["ResponseMetadata"]["HTTPStatusCode"], err)
        return err


class AssumeRootTest(EmulatorTestCase):
    def test_assume_root_routes_into_target_account(self):
        creds = self.assume(self.a1)
        self.assertTrue(creds["AccessKeyId"].startswith("ASIA"))
        self.assertTrue(creds["SessionToken"])
        remaining = (creds["Expiration"] - dt.datetime.now(dt.timezone.utc)).total_seconds()
        self.assertTrue(800 < remaining <= 901, remaining)
        user = client("iam", creds).get_user()["User"]
        self.assertEqual("arn:aws:iam::%s:root" % self.a1, user["Arn"])
        self.assertEqual(self.a1, user["UserId"])
        self.assertEqual(dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc), user["PasswordLastUsed"])
        ident = client("sts", creds).get_caller_identity()
        self.assertEqual(self.a1, ident["Account"])

    def test_target_principal_may_be_an_arn_and_duration_is_honoured(self):
        creds = self.assume("arn:aws:iam::%s:root" % self.a1, DurationSeconds=120)
        remaining = (creds["Expiration"] - dt.datetime.now(dt.timezone.utc)).total_seconds()
        self.assertTrue(60 < remaining <= 121, remaining)

    def test_refusals(self):
        sts = client("sts")
        # caller neither management nor delegated admin
        plain = member_creds(self.org["accounts"]["plain"])
        self.assertAwsError("AccessDenied", 403, self.assume, self.a1, caller=plain)
        # duration out of range
        self.assertAwsError("ValidationError", 400, self.assume, self.a1, DurationSeconds=901)
        # target = management account
        self.assertAwsError("AccessDenied", 403, self.assume, MGMT)
        # target not in the organization
        self.assertAwsError("AccessDenied", 403, self.assume, "999999999999")
        # unknown task policy
        self.assertAwsError("ValidationError", 400, sts.assume_root, TargetPrincipal=self.a1,
                            TaskPolicyArn={"arn": "arn:aws:iam::aws:policy/root-task/DoEverything"})
        # target not ACTIVE
        for key in ("suspended", "closed", "closing"):
            self.assertAwsError("AccessDenied", 403, self.assume, self.org["accounts"][key])
        # a root session cannot call AssumeRoot
        root = self.assume(self.a1)
        self.assertAwsError("AccessDenied", 403, self.assume, self.org["accounts"]["bare"], caller=root)

    def test_task_policy_and_root_arns_follow_the_partition_of_the_region(self):
        for region, partition in (("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")):
            sts = _session.client("sts", endpoint_url=ENDPOINT, config=NO_RETRY, region_name=region)
            own = "arn:%s:iam::aws:policy/root-task/IAMAuditRootUserCredentials" % partition
            creds = sts.assume_root(TargetPrincipal=self.a1, TaskPolicyArn={"arn": own})["Credentials"]
            root = boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                                 aws_session_token=creds["SessionToken"], region_name=region)
            ident = root.client("sts", endpoint_url=ENDPOINT, config=NO_RETRY).get_caller_identity()
            self.assertEqual("arn:%s:iam::%s:root" % (partition, self.a1), ident["Arn"])
            # the commercial partition's ARN names no policy in this partition
            self.assertAwsError("ValidationError", 400, sts.assume_root, TargetPrincipal=self.a1, TaskPolicyArn={"arn": AUDIT})
        self.assertAwsError("ValidationError", 400, client("sts").assume_root, TargetPrincipal=self.a1,
                            TaskPolicyArn={"arn": AUDIT.replace("arn:aws:", "arn:aws-cn:")})

    def test_refused_when_root_sessions_disabled_then_enabled(self):
        iam = client("iam")
        iam.disable_organizations_root_sessions()
        err = self.assertAwsError("AccessDenied", 403, self.assume, self.a1)
        self.assertIn("RootSessions", err["Error"]["Message"])
        self.assertEqual(["RootSessions"], iam.enable_organizations_root_sessions()["EnabledFeatures"][-1:])
        self.assume(self.a1)

    def test_delegated_administrator_caller(self):
        admin_id = self.org["accounts"]["admin"]
        admins = client("organizations").list_delegated_administrators(ServicePrincipal="iam.amazonaws.com")
        self.assertEqual([admin_id], [a["Id"] for a in admins["DelegatedAdministrators"]])
        admin = member_creds(admin_id)
        creds = self.assume(self.a1, caller=admin)
        self.assertEqual("arn:aws:iam::%s:root" % self.a1, client("iam", creds).get_user()["User"]["Arn"])
        features = client("iam", admin).list_organizations_features()
        self.assertEqual(sorted(["RootCredentialsManagement", "RootSessions"]), sorted(features["EnabledFeatures"]))

    def test_session_expiry_follows_emulator_clock(self):
        creds = self.assume(self.a1, DurationSeconds=60)
        iam = client("iam", creds)
        iam.get_user()
        before = dt.datetime.fromisoformat(ctl("GET", "clock")["now"])
        after = dt.datetime.fromisoformat(ctl("POST", "clock", {"advanceSeconds": 61})["now"])
        self.assertGreaterEqual((after - before).total_seconds(), 61)
        err = self.assertAwsError("ExpiredToken", 403, iam.get_user)
        self.assertIn("expired", err["Error"]["Message"])
        # a new session is valid again (expiry relative to the emulator's now)
        client("iam", self.assume(self.a1)).get_user()


class RootSessionIamTest(EmulatorTestCase):
    def test_audit_reads_root_credentials(self):
        iam = client("iam", self.assume(self.a1))
        profile = iam.get_login_profile()["LoginProfile"]
        self.assertEqual(dt.datetime(2020, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc), profile["CreateDate"])
        self.assertFalse(profile["PasswordResetRequired"])
        keys = iam.list_access_keys()["AccessKeyMetadata"]
        self.assertEqual([("AKIAUSEDROOTKEY00001", "Active"), ("AKIANEVERUSEDKEY0002", "Inactive")],
                         [(k["AccessKeyId"], k["Status"]) for k in keys])
        used = iam.get_access_key_last_used(AccessKeyId="AKIAUSEDROOTKEY00001")["AccessKeyLastUsed"]
        self.assertEqual(("s3", "eu-west-1"), (used["ServiceName"], used["Region"]))
        self.assertEqual(dt.datetime(2024, 6, 1, 12, tzinfo=dt.timezone.utc), used["LastUsedDate"])
        never = iam.get_access_key_last_used(AccessKeyId="AKIANEVERUSEDKEY0002")["AccessKeyLastUsed"]
        self.assertEqual(("N/A", "N/A"), (never["ServiceName"], never["Region"]))
        self.assertNotIn("LastUsedDate", never)
        certs = iam.list_signing_certificates()["Certificates"]
        self.assertEqual(["CERT0000000000000000000000000001"], [c["CertificateId"] for c in certs])
        serials = [m["SerialNumber"] for m in iam.list_mfa_devices()["MFADevices"]]
        self.assertEqual(["arn:aws:iam::%s:mfa/root-account-mfa-device" % self.a1, "GAHT12345678",
                          "arn:aws:iam::%s:u2f/root-account-mfa-device/abc" % self.a1], serials)
        summary = iam.get_account_summary()["SummaryMap"]
        self.assertEqual(1, summary["AccountMFAEnabled"])

    def test_credential_less_root(self):
        iam = client("iam", self.assume(self.org["accounts"]["bare"]))
        self.assertAwsError("NoSuchEntity", 404, iam.get_login_profile)
        self.assertEqual([], iam.list_access_keys()["AccessKeyMetadata"])
        self.assertEqual([], iam.list_mfa_devices()["MFADevices"])
        self.assertEqual([], iam.list_signing_certificates()["Certificates"])

    def test_audit_session_cannot_delete_or_leave_its_scope(self):
        iam = client("iam", self.assume(self.a1))
        err = self.assertAwsError("AccessDenied", 403, iam.delete_login_profile)
        self.assertIn("iam:DeleteLoginProfile", err["Error"]["Message"])
        self.assertAwsError("AccessDenied", 403, iam.list_users)
        self.assertAwsError("AccessDenied", 403, iam.get_user, UserName="someone")
        self.assertAwsError("AccessDenied", 403, client("s3", self.assume(self.a1)).list_buckets)
        # nothing was deleted
        self.assertIsNotNone(ctl("GET", "root-state/%s" % self.a1)["password"])

    def test_delete_session_deletes_root_credentials(self):
        iam = client("iam", self.assume(self.a1, DELETE))
        iam.delete_login_profile()
        self.assertAwsError("NoSuchEntity", 404, iam.delete_login_profile)
        iam.delete_access_key(AccessKeyId="AKIAUSEDROOTKEY00001")
        self.assertAwsError("NoSuchEntity", 404, iam.delete_access_key, AccessKeyId="AKIAUSEDROOTKEY00001")
        iam.delete_signing_certificate(CertificateId="CERT0000000000000000000000000001")
        virtual = "arn:aws:iam::%s:mfa/root-account-mfa-device" % self.a1
        iam.deactivate_mfa_device(SerialNumber=virtual)
        self.assertAwsError("AccessDenied", 403, iam.delete_virtual_mfa_device, SerialNumber=virtual)
        self.assertAwsError("NoSuchEntity", 404, iam.get_login_profile)
        state = ctl("GET", "root-state/%s" % self.a1)
        self.assertIsNone(state["password"])
        self.assertEqual(["AKIANEVERUSEDKEY0002"], [k["id"] for k in state["accessKeys"]])
        self.assertEqual([], state["signingCertificates"])
        self.assertEqual(2, len(state["mfaDevices"]))

    def test_create_password_session(self):
        bare = self.org["accounts"]["bare"]
        ctl("POST", "clock", {"advanceSeconds": 86400})
        now = dt.datetime.fromisoformat(ctl("GET", "clock")["now"])
        iam = client("iam", self.assume(bare, CREATE_PW))
        profile = iam.create_login_profile()["LoginProfile"]
        self.assertLess(abs((profile["CreateDate"] - now).total_seconds()), 5)
        self.assertEqual(profile["CreateDate"], iam.get_login_profile()["LoginProfile"]["CreateDate"])
        self.assertAwsError("EntityAlreadyExists", 409, iam.create_login_profile)
        self.assertAwsError("AccessDenied", 403, iam.get_user)
        self.assertIsNotNone(ctl("GET", "root-state/%s" % bare)["password"])

    def test_non_root_session_iam_goes_to_moto(self):
        iam = client("iam")
        iam.create_user(UserName="alice")
        self.assertEqual("alice", iam.get_user(UserName="alice")["User"]["UserName"])
        self.assertEqual(["alice"], [u["UserName"] for u in iam.list_users()["Users"]])


class RemediationSemanticsTest(EmulatorTestCase):
    def test_audit_session_is_denied_every_delete_and_create_call(self):
        iam = client("iam", self.assume(self.a1))
        before = ctl("GET", "root-state/%s" % self.a1)
        virtual = "arn:aws:iam::%s:mfa/root-account-mfa-device" % self.a1
        calls = [
            ("DeleteLoginProfile", iam.delete_login_profile, {}),
            ("DeleteAccessKey", iam.delete_access_key, {"AccessKeyId": "AKIAUSEDROOTKEY00001"}),
            ("DeleteSigningCertificate", iam.delete_signing_certificate,
             {"CertificateId": "CERT0000000000000000000000000001"}),
            ("DeactivateMFADevice", iam.deactivate_mfa_device, {"SerialNumber": virtual}),
            ("DeleteVirtualMFADevice", iam.delete_virtual_mfa_device, {"SerialNumber": virtual}),
            ("CreateLoginProfile", iam.create_login_profile, {}),
            ("UpdateAccessKey", iam.update_access_key, {"AccessKeyId": "AKIAUSEDROOTKEY00001", "Status": "Inactive"}),
        ]
        for action, call, kwargs in calls:
            with self.subTest(action=action):
                err = self.assertAwsError("AccessDenied", 403, call, **kwargs)
                self.assertIn("iam:%s" % action, err["Error"]["Message"])
        self.assertEqual(before, ctl("GET", "root-state/%s" % self.a1))

    def test_delete_session_deletes_each_credential_then_no_such_entity(self):
        iam = client("iam", self.assume(self.a1, DELETE))
        serials = [m["SerialNumber"] for m in iam.list_mfa_devices()["MFADevices"]]
        for serial in serials:
            iam.deactivate_mfa_device(SerialNumber=serial)
            self.assertNotIn(serial, [m["SerialNumber"] for m in iam.list_mfa_devices()["MFADevices"]])
            self.assertAwsError("NoSuchEntity", 404, iam.deactivate_mfa_device, SerialNumber=serial)
        self.assertEqual([], iam.list_mfa_devices()["MFADevices"])
        self.assertEqual(0, iam.get_account_summary()["SummaryMap"]["AccountMFAEnabled"])
        for key in ("AKIAUSEDROOTKEY00001", "AKIANEVERUSEDKEY0002"):
            iam.delete_access_key(AccessKeyId=key)
            self.assertAwsError("NoSuchEntity", 404, iam.delete_access_key, AccessKeyId=key)
        cert = "CERT0000000000000000000000000001"
        iam.delete_signing_certificate(CertificateId=cert)
        self.assertAwsError("NoSuchEntity", 404, iam.delete_signing_certificate, CertificateId=cert)
        iam.delete_login_profile()
        self.assertAwsError("NoSuchEntity", 404, iam.delete_login_profile)
        self.assertAwsError("AccessDenied", 403, iam.delete_virtual_mfa_device, SerialNumber=serials[0])
        self.assertAwsError("AccessDenied", 403, iam.create_login_profile)
        state = ctl("GET", "root-state/%s" % self.a1)
        self.assertEqual((None, [], [], []), (state["password"], state["accessKeys"], state["signingCertificates"],
                                              state["mfaDevices"]))

    def test_create_password_uses_emulator_clock_and_conflicts_when_present(self):
        ctl("POST", "clock", {"advanceSeconds": 3 * 86400})
        now = dt.datetime.fromisoformat(ctl("GET", "clock")["now"])
        iam = client("iam", self.assume(self.a1, CREATE_PW))  # a1 has a password
        self.assertAwsError("EntityAlreadyExists", 409, iam.create_login_profile)
        client("iam", self.assume(self.a1, DELETE)).delete_login_profile()
        created = iam.create_login_profile()["LoginProfile"]["CreateDate"]
        self.assertLess(abs((created - now).total_seconds()), 5)
        self.assertEqual(created, dt.datetime.fromisoformat(
            ctl("GET", "root-state/%s" % self.a1)["password"]["createDate"].replace("Z", "+00:00")))
        for call in (iam.delete_login_profile, iam.list_access_keys):
            self.assertAwsError("AccessDenied", 403, call)

    def test_invalid_mfa_transient_error_after_recovery(self):
        bare = self.org["accounts"]["bare"]
        client("iam", self.assume(bare, CREATE_PW)).create_login_profile()
        ctl("POST", "faults", {"action": "DeleteLoginProfile", "target": bare, "code": "InvalidInput", "status": 400,
                               "message": "MFA device is invalid", "count": 2})
        # another account's delete is unaffected and does not consume the count
        client("iam", self.assume(self.a1, DELETE)).delete_login_profile()
        iam = client("iam", self.assume(bare, DELETE))
        for _ in range(2):
            err = self.assertAwsError("InvalidInput", 400, iam.delete_login_profile)
            self.assertEqual("MFA device is invalid", err["Error"]["Message"])
            self.assertIsNotNone(ctl("GET", "root-state/%s" % bare)["password"])
        iam.delete_login_profile()  # the count is exhausted: the retry succeeds
        self.assertIsNone(ctl("GET", "root-state/%s" % bare)["password"])
        self.assertEqual(2, ctl("GET", "faults")["faults"][0]["fired"])


class UnlockTaskTest(EmulatorTestCase):
    def raw_error(self, fn, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(**kwargs)
        return ctx.exception.response

    def test_seed_and_read_buckets_and_queues(self):
        bucket = ctl("POST", "bucket/%s" % self.a1, {"name": "locked-bucket", "policy": DENY_ALL_S3})
        self.assertEqual(("locked-bucket", DENY_ALL_S3), (bucket["name"], bucket["policy"]))
        self.assertEqual({"accountId": self.a1, "name": "locked-bucket", "policy": DENY_ALL_S3},
                         ctl("GET", "bucket/%s/locked-bucket" % self.a1))
        ctl("POST", "bucket/%s" % self.a1, {"name": "open-bucket", "policy": None})
        self.assertIsNone(ctl("GET", "bucket/%s/open-bucket" % self.a1)["policy"])
        ctl("POST", "bucket/%s" % self.org["accounts"]["bare"], {"name": "open-bucket"}, expect=409)
        ctl("GET", "bucket/%s/locked-bucket" % self.org["accounts"]["bare"], expect=404)
        ctl("POST", "bucket/%s" % self.a1, {"name": "x", "policy": "{not json"}, expect=400)
        ctl("POST", "bucket/%s" % self.a1, {}, expect=400)
        # an object policy is serialized
        as_obj = ctl("POST", "bucket/%s" % self.a1, {"name": "obj-bucket", "policy": json.loads(DENY_ALL_S3)})
        self.assertEqual(json.loads(DENY_ALL_S3), json.loads(as_obj["policy"]))
        # the buckets belong to the member account, not to the management account
        self.assertEqual([], client("s3").list_buckets()["Buckets"])

        policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]})
        q = ctl("POST", "queue/%s" % self.a1, {"name": "q1", "policy": policy})
        self.assertEqual("%s/%s/q1" % (ENDPOINT, self.a1), q["queueUrl"])
        self.assertEqual(json.loads(policy), json.loads(q["policy"]))
        got = ctl("GET", "queue/%s/q1" % self.a1)
        self.assertEqual((q["queueUrl"], q["policy"]), (got["queueUrl"], got["policy"]))
        ctl("POST", "queue/%s" % self.a1, {"name": "q2"})
        self.assertIsNone(ctl("GET", "queue/%s/q2" % self.a1)["policy"])
        ctl("POST", "queue/%s" % self.a1, {"name": "q1"}, expect=409)
        ctl("GET", "queue/%s/q1" % self.org["accounts"]["bare"], expect=404)
        self.assertEqual([], client("sqs").list_queues().get("QueueUrls", []))
        ctl("POST", "reset", {})
        ctl("GET", "bucket/%s/locked-bucket" % self.a1, expect=404)
        ctl("GET", "queue/%s/q1" % self.a1, expect=404)

    def test_s3_unlock_removes_a_locked_bucket_policy(self):
        ctl("POST", "bucket/%s" % self.a1, {"name": "locked-bucket", "policy": DENY_ALL_S3})
        ctl("POST", "bucket/%s" % self.a1, {"name": "other-bucket"})
        s3 = client("s3", self.assume(self.a1, S3_UNLOCK))
        self.assertEqual(["locked-bucket", "other-bucket"], sorted(b["Name"] for b in s3.list_buckets()["Buckets"]))
        self.assertEqual(json.loads(DENY_ALL_S3), json.loads(s3.get_bucket_policy(Bucket="locked-bucket")["Policy"]))
        s3.delete_bucket_policy(Bucket="locked-bucket")
        self.assertAwsError("NoSuchBucketPolicy", 404, s3.get_bucket_policy, Bucket="locked-bucket")
        self.assertIsNone(ctl("GET", "bucket/%s/locked-bucket" % self.a1)["policy"])
        # PutBucketPolicy is part of the task too
        fixed = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::locked-bucket/*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})
        s3.put_bucket_policy(Bucket="locked-bucket", Policy=fixed)
        self.assertEqual(fixed, ctl("GET", "bucket/%s/locked-bucket" % self.a1)["policy"])

    def test_s3_unlock_session_is_confined(self):
        ctl("POST", "bucket/%s" % self.a1, {"name": "locked-bucket", "policy": DENY_ALL_S3})
        ctl("POST", "bucket/%s" % self.org["accounts"]["bare"], {"name": "foreign-bucket", "policy": DENY_ALL_S3})
        creds = self.assume(self.a1, S3_UNLOCK)
        s3 = client("s3", creds)
        denied = [
            (s3.list_objects_v2, {"Bucket": "locked-bucket"}),
            (s3.put_object, {"Bucket": "locked-bucket", "Key": "k", "Body": b"x"}),
            (s3.get_bucket_acl, {"Bucket": "locked-bucket"}),
            (s3.delete_bucket, {"Bucket": "locked-bucket"}),
            (s3.create_bucket, {"Bucket": "new-bucket"}),
            # another account's bucket: the unlock task acts on the member account's own buckets only
            (s3.get_bucket_policy, {"Bucket": "foreign-bucket"}),
            (s3.delete_bucket_policy, {"Bucket": "foreign-bucket"}),
        ]
        for call, kwargs in denied:
            with self.subTest(call=call.__name__, **kwargs):
                err = self.raw_error(call, **kwargs)
                self.assertEqual(("AccessDenied", 403), (err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]))
                self.assertIn("application/xml", err["ResponseMetadata"]["HTTPHeaders"]["content-type"])
        self.assertIsNotNone(ctl("GET", "bucket/%s/foreign-bucket" % self.org["accounts"]["bare"])["policy"])
        # no IAM, SQS or STS-AssumeRoot from an S3 unlock session
        self.assertAwsError("AccessDenied", 403, client("iam", creds).get_user)
        self.assertAwsError("AccessDenied", 403, client("iam", creds).get_login_profile)
        self.assertAwsError("AccessDenied", 403, client("sqs", creds).list_queues)
        # IAM task sessions cannot touch S3
        for task in (AUDIT, DELETE, CREATE_PW):
            with self.subTest(task=task):
                other = client("s3", self.assume(self.a1, task))
                self.assertAwsError("AccessDenied", 403, other.get_bucket_policy, Bucket="locked-bucket")
                self.assertAwsError("AccessDenied", 403, other.list_buckets)
        # expiry
        short = client("s3", self.assume(self.a1, S3_UNLOCK, DurationSeconds=30))
        short.get_bucket_policy(Bucket="locked-bucket")
        ctl("POST", "clock", {"advanceSeconds": 31})
        self.assertAwsError("ExpiredToken", 403, short.get_bucket_policy, Bucket="locked-bucket")
        self.assertAwsError("ExpiredToken", 403, short.delete_bucket_policy, Bucket="locked-bucket")
        self.assertIsNotNone(ctl("GET", "bucket/%s/locked-bucket" % self.a1)["policy"])

    def test_sqs_unlock_removes_a_locked_queue_policy(self):
        policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "Locked", "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]})
        url = ctl("POST", "queue/%s" % self.a1, {"name": "locked-queue", "policy": policy})["queueUrl"]
        ctl("POST", "queue/%s" % self.a1, {"name": "other-queue"})
        sqs = client("sqs", self.assume(self.a1, SQS_UNLOCK))
        self.assertEqual(url, sqs.get_queue_url(QueueName="locked-queue")["QueueUrl"])
        self.assertEqual(sorted([url, url.replace("locked-queue", "other-queue")]), sorted(sqs.list_queues()["QueueUrls"]))
        got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"]
        self.assertEqual(json.loads(policy), json.loads(got))
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": ""})
        self.assertNotIn("Policy", sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]).get("Attributes", {}))
        self.assertIsNone(ctl("GET", "queue/%s/locked-queue" % self.a1)["policy"])

    def test_sqs_unlock_session_is_confined_and_errors_are_awsjson(self):
        url = ctl("POST", "queue/%s" % self.a1, {"name": "locked-queue", "policy": None})["queueUrl"]
        foreign = ctl("POST", "queue/%s" % self.org["accounts"]["bare"],
                      {"name": "foreign-queue", "policy": json.dumps({"Statement": [
                          {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]})})["queueUrl"]
        creds = self.assume(self.a1, SQS_UNLOCK)
        sqs = client("sqs", creds)
        denied = [
            ("SendMessage", sqs.send_message, {"QueueUrl": url, "MessageBody": "x"}),
            ("ReceiveMessage", sqs.receive_message, {"QueueUrl": url}),
            ("DeleteQueue", sqs.delete_queue, {"QueueUrl": url}),
            ("CreateQueue", sqs.create_queue, {"QueueName": "new-queue"}),
            ("PurgeQueue", sqs.purge_queue, {"QueueUrl": url}),
            ("GetQueueAttributes", sqs.get_queue_attributes, {"QueueUrl": foreign, "AttributeNames": ["Policy"]}),
            ("SetQueueAttributes", sqs.set_queue_attributes, {"QueueUrl": foreign, "Attributes": {"Policy": ""}}),
        ]
        for action, call, kwargs in denied:
            with self.subTest(action=action):
                err = self.raw_error(call, **kwargs)
                self.assertEqual(("AccessDenied", 403), (err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]))
                headers = err["ResponseMetadata"]["HTTPHeaders"]
                self.assertEqual("application/x-amz-json-1.0", headers["content-type"])
                self.assertEqual("AccessDenied;Sender", headers["x-amzn-query-error"])
                self.assertIn("sqs:%s" % action, err["Error"]["Message"])
        self.assertIsNotNone(ctl("GET", "queue/%s/foreign-queue" % self.org["accounts"]["bare"])["policy"])
        self.assertAwsError("AccessDenied", 403, client("iam", creds).get_user)
        self.assertAwsError("AccessDenied", 403, client("s3", creds).list_buckets)
        for task in (AUDIT, DELETE, CREATE_PW, S3_UNLOCK):
            with self.subTest(task=task):
                other = client("sqs", self.assume(self.a1, task))
                self.assertAwsError("AccessDenied", 403, other.get_queue_attributes, QueueUrl=url, AttributeNames=["Policy"])
                self.assertAwsError("AccessDenied", 403, other.list_queues)
        short = client("sqs", self.assume(self.a1, SQS_UNLOCK, DurationSeconds=30))
        short.list_queues()
        ctl("POST", "clock", {"advanceSeconds": 31})
        err = self.assertAwsError("ExpiredToken", 403, short.set_queue_attributes, QueueUrl=url, Attributes={"Policy": ""})
        self.assertEqual("ExpiredToken;Sender", err["ResponseMetadata"]["HTTPHeaders"]["x-amzn-query-error"])

    def test_sqs_fault_in_root_session(self):
        url = ctl("POST", "queue/%s" % self.a1, {"name": "q1"})["queueUrl"]
        ctl("POST", "faults", {"action": "SetQueueAttributes", "service": "sqs", "target": self.a1, "count": 1})
        sqs = client("sqs", self.assume(self.a1, SQS_UNLOCK))
        err = self.assertAwsError("RequestThrottled", 400, sqs.set_queue_attributes, QueueUrl=url, Attributes={"Policy": ""})
        self.assertEqual("application/x-amz-json-1.0", err["ResponseMetadata"]["HTTPHeaders"]["content-type"])
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": ""})


class OrganizationFeaturesTest(EmulatorTestCase):
    def test_list_and_toggle_features(self):
        iam = client("iam")
        result = iam.list_organizations_features()
        self.assertEqual(self.org["organizationId"], result["OrganizationId"])
        self.assertEqual(["RootCredentialsManagement", "RootSessions"], result["EnabledFeatures"])
        self.assertEqual(["RootSessions"], iam.disable_organizations_root_credentials_management()["EnabledFeatures"])
        self.assertEqual([], iam.disable_organizations_root_sessions()["EnabledFeatures"])
        self.assertEqual(["RootCredentialsManagement"], iam.enable_organizations_root_credentials_management()["EnabledFeatures"])

    def test_feature_errors(self):
        iam = client("iam")
        plain = member_creds(self.org["accounts"]["plain"])
        self.assertAwsError("AccountNotManagementOrDelegatedAdministratorException", 400,
                            client("iam", plain).list_organizations_features)
        admin = member_creds(self.org["accounts"]["admin"])
        self.assertAwsError("CallerIsNotManagementAccountException", 400,
                            client("iam", admin).enable_organizations_root_sessions)
        client("organizations").disable_aws_service_access(ServicePrincipal="iam.amazonaws.com")
        self.assertAwsError("ServiceAccessNotEnabledException", 400, iam.list_organizations_features)
        self.assertAwsError("AccessDenied", 403, self.assume, self.a1)
        client("organizations").enable_aws_service_access(ServicePrincipal="iam.amazonaws.com")
        iam.list_organizations_features()
        ctl("POST", "reset", {})
        self.assertAwsError("OrganizationNotFoundException", 400, iam.list_organizations_features)

    def test_consolidated_billing_org(self):
        ctl("POST", "reset", {})
        ctl("POST", "organization", standard_org(featureSet="CONSOLIDATED_BILLING"))
        self.assertAwsError("OrganizationNotInAllFeaturesModeException", 400, client("iam").list_organizations_features)

    def test_trusted_access_off_at_seed_time(self):
        ctl("POST", "reset", {})
        ctl("POST", "organization", standard_org(trustedAccess=False, delegatedAdministrator=None))
        self.assertEqual([], client("organizations").list_aws_service_access_for_organization()["EnabledServicePrincipals"])
        self.assertAwsError("ServiceAccessNotEnabledException", 400, client("iam").list_organizations_features)


class OrganizationsApiTest(EmulatorTestCase):
    def test_organization_is_visible_through_the_api(self):
        org = client("organizations")
        desc = org.describe_organization()["Organization"]
        self.assertEqual((self.org["organizationId"], MGMT, "mgmt@example.com", "ALL"),
                         (desc["Id"], desc["MasterAccountId"], desc["MasterAccountEmail"], desc["FeatureSet"]))
        roots = org.list_roots()["Roots"]
        self.assertEqual([self.org["rootId"]], [r["Id"] for r in roots])
        top = org.list_organizational_units_for_parent(ParentId=self.org["rootId"])["OrganizationalUnits"]
        self.assertEqual([("Production", self.org["ous"]["prod"])], [(o["Name"], o["Id"]) for o in top])
        eu = org.list_organizational_units_for_parent(ParentId=self.org["ous"]["prod"])["OrganizationalUnits"]
        self.assertEqual(["EU"], [o["Name"] for o in eu])
        in_eu = org.list_accounts_for_parent(ParentId=self.org["ous"]["prod-eu"])["Accounts"]
        self.assertEqual([self.a1], [a["Id"] for a in in_eu])
        acct = org.describe_account(AccountId=self.a1)["Account"]
        self.assertEqual(("Payments Prod", "a1@example.com", "ACTIVE", "ACTIVE"),
                         (acct["Name"], acct["Email"], acct["State"], acct["Status"]))
        self.assertEqual(dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc), acct["JoinedTimestamp"])
        self.assertEqual([{"Key": "env", "Value": "prod"}], org.list_tags_for_resource(ResourceId=self.a1)["Tags"])
        access = org.list_aws_service_access_for_organization()["EnabledServicePrincipals"]
        self.assertEqual(["iam.amazonaws.com"], [s["ServicePrincipal"] for s in access])
        states = {a["Id"]: (a["State"], a["Status"]) for p in org.get_paginator("list_accounts").paginate() for a in p["Accounts"]}
        self.assertEqual(8, len(states))
        self.assertEqual(("ACTIVE", "ACTIVE"), states[MGMT])
        self.assertEqual(("SUSPENDED", "SUSPENDED"), states["210000000005"])
        self.assertEqual(("CLOSED", "SUSPENDED"), states["210000000006"])
        self.assertEqual(("PENDING_CLOSURE", "PENDING_CLOSURE"), states["210000000007"])
        parents = org.list_parents(ChildId=self.a1)["Parents"]
        self.assertEqual([self.org["ous"]["prod-eu"]], [p["Id"] for p in parents])

    def test_standard_api_mutations_still_work(self):
        org = client("organizations")
        created = org.create_account(AccountName="Via API", Email="api@example.com")["CreateAccountStatus"]
        acct = org.describe_account(AccountId=created["AccountId"])["Account"]
        self.assertEqual("ACTIVE", acct["State"])
        org.move_account(AccountId=acct["Id"], SourceParentId=self.org["rootId"], DestinationParentId=self.org["ous"]["prod"])
        ids = [a["Id"] for a in org.list_accounts_for_parent(ParentId=self.org["ous"]["prod"])["Accounts"]]
        self.assertIn(acct["Id"], ids)
        org.close_account(AccountId=acct["Id"])
        self.assertEqual("SUSPENDED", org.describe_account(AccountId=acct["Id"])["Account"]["State"])
        self.assertAwsError("AccessDenied", 403, self.assume, acct["Id"])

    def test_seed_many_accounts_quickly(self):
        ctl("POST", "reset", {})
        n = 2000
        accounts = [{"key": "k%d" % i, "name": "Account %d" % i, "ou": "ou%d" % (i % 10),
                     "tags": {"team": "t%d" % (i % 7)},
                     "root": {"password": {"createDate": "2020-01-01T00:00:00Z"}} if i % 3 == 0 else None}
                    for i in range(n)]
        body = {"ous": [{"key": "ou%d" % i, "name": "OU %d" % i} for i in range(10)], "accounts": accounts}
        start = time.perf_counter()
        result = ctl("POST", "organization", body)
        seeded = time.perf_counter() - start
        self.assertEqual(n, len(set(result["accounts"].values())))
        start = time.perf_counter()
        listed = [a for p in client("organizations").get_paginator("list_accounts").paginate() for a in p["Accounts"]]
        listing = time.perf_counter() - start
        self.assertEqual(n + 1, len(listed))
        self.assertEqual(n + 1, len({a["Id"] for a in listed}))
        print("\n  seeded %d accounts in %.2f s; listed them (%d pages) in %.2f s"
              % (n, seeded, (n + 1 + 19) // 20, listing), file=sys.stderr)
        self.assertLess(seeded, 10)
        k3 = result["accounts"]["k3"]
        iam = client("iam", self.assume(k3))
        self.assertIn("CreateDate", iam.get_login_profile()["LoginProfile"])
        self.assertAwsError("NoSuchEntity", 404, client("iam", self.assume(result["accounts"]["k4"])).get_login_profile)


class FaultInjectionTest(EmulatorTestCase):
    def test_assume_root_fault_is_count_limited_and_target_matched(self):
        bare = self.org["accounts"]["bare"]
        fid = ctl("POST", "faults", {"action": "AssumeRoot", "service": "sts", "target": self.a1,
                                     "code": "Throttling", "status": 400, "message": "Rate exceeded", "count": 2})["id"]
        self.assertIsInstance(fid, int)
        self.assume(bare)  # other target unaffected
        for _ in range(2):
            err = self.assertAwsError("Throttling", 400, self.assume, self.a1)
            self.assertEqual("Rate exceeded", err["Error"]["Message"])
        self.assume(self.a1)  # count exhausted

    def test_iam_fault_in_root_session(self):
        ctl("POST", "faults", {"action": "GetLoginProfile", "target": self.a1, "code": "AccessDenied", "status": 403,
                               "message": "Explicit deny in a service control policy"})
        iam = client("iam", self.assume(self.a1))
        self.assertAwsError("AccessDenied", 403, iam.get_login_profile)
        self.assertAwsError("AccessDenied", 403, iam.get_login_profile)  # no count = every request
        iam.get_user()
        client("iam", self.assume(self.org["accounts"]["bare"])).list_access_keys()
        ctl("DELETE", "faults")
        iam.get_login_profile()

    def test_organizations_json_fault(self):
        ctl("POST", "faults", {"action": "ListAccounts", "code": "TooManyRequestsException", "status": 400,
                               "message": "AWS Organizations can't complete your request.", "count": 1})
        org = client("organizations")
        err = self.assertAwsError("TooManyRequestsException", 400, org.list_accounts)
        self.assertEqual("TooManyRequestsException", err["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"])
        self.assertTrue(org.list_accounts()["Accounts"])

    def test_organizations_fault_targets_the_resource_account(self):
        bare = self.org["accounts"]["bare"]
        ctl("POST", "faults", {"action": "ListTagsForResource", "target": bare, "code": "AccessDeniedException"})
        org = client("organizations")
        self.assertAwsError("AccessDeniedException", 400, org.list_tags_for_resource, ResourceId=bare)
        org.list_tags_for_resource(ResourceId=self.a1)  # another account: no fault
        ctl("DELETE", "faults")

    def test_s3_fault_and_wildcard_action(self):
        ctl("POST", "faults", {"action": "*", "service": "s3", "code": "SlowDown", "status": 503, "count": 1})
        self.assertAwsError("SlowDown", 503, client("s3").list_buckets)
        client("s3").list_buckets()

    def test_per_second_fault_is_a_quota(self):
        ctl("POST", "faults", {"action": "ListRoots", "code": "TooManyRequestsException", "perSecond": 5})
        org = client("organizations")
        outcomes = []
        for _ in range(12):  # far faster than 5/s: the burst of 5 passes, the rest is throttled
            try:
                org.list_roots()
                outcomes.append("ok")
            except org.exceptions.TooManyRequestsException:
                outcomes.append("throttled")
        self.assertEqual(5, outcomes.count("ok"), outcomes)
        time.sleep(0.5)  # refills 2.5 tokens
        org.list_roots()
        org.list_roots()
        self.assertAwsError("TooManyRequestsException", 400, org.list_roots)
        ctl("DELETE", "faults")
        err = ctl("POST", "faults", {"action": "ListRoots", "perSecond": 0}, expect=400)
        self.assertIn("perSecond", json.dumps(err))

    def test_delay_fault_holds_only_the_matching_requests_then_answers(self):
        bare = self.org["accounts"]["bare"]
        ctl("POST", "faults", {"action": "GetUser", "target": self.a1, "delayMillis": 600})
        slow, fast = client("iam", self.assume(self.a1)), client("iam", self.assume(bare))
        start = time.perf_counter()
        self.assertEqual("arn:aws:iam::%s:root" % self.a1, slow.get_user()["User"]["Arn"])  # late, but answered
        self.assertGreaterEqual(time.perf_counter() - start, 0.6)
        start = time.perf_counter()
        fast.get_user()  # another account
        slow.list_access_keys()  # another action
        self.assertLess(time.perf_counter() - start, 0.5)

    def test_delay_fault_longer_than_the_client_waits_is_a_hanging_endpoint(self):
        ctl("POST", "faults", {"action": "GetCallerIdentity", "delayMillis": 3000, "count": 1})
        impatient = _session.client("sts", endpoint_url=ENDPOINT, region_name="us-east-1",
                                    config=Config(retries={"total_max_attempts": 1}, read_timeout=1))
        from botocore.exceptions import ReadTimeoutError
        with self.assertRaises(ReadTimeoutError):
            impatient.get_caller_identity()
        client("sts").get_caller_identity()  # count exhausted

    def test_delay_fault_with_a_code_answers_with_the_error_late(self):
        ctl("POST", "faults", {"action": "ListRoots", "code": "TooManyRequestsException", "delayMillis": 300})
        start = time.perf_counter()
        self.assertAwsError("TooManyRequestsException", 400, client("organizations").list_roots)
        self.assertGreaterEqual(time.perf_counter() - start, 0.3)
        ctl("DELETE", "faults")
        err = ctl("POST", "faults", {"action": "ListRoots", "delayMillis": -1}, expect=400)
        self.assertIn("delayMillis", json.dumps(err))

    def test_rate_fault(self):
        ctl("POST", "faults", {"action": "ListRoots", "code": "TooManyRequestsException", "rate": 0.5})
        failures = 0
        for _ in range(40):
            try:
                client("organizations").list_roots()
            except ClientError:
                failures += 1
        self.assertTrue(5 <= failures <= 35, failures)


class ControlEndpointTest(EmulatorTestCase):
    def test_latency(self):
        sts = client("sts")
        ctl("POST", "latency", {"millis": 300})
        try:
            start = time.perf_counter()
            sts.get_caller_identity()
            self.assertGreaterEqual(time.perf_counter() - start, 0.3)
            start = time.perf_counter()
            ctl("GET", "stats")  # control requests are not delayed
            self.assertLess(time.perf_counter() - start, 0.25)
        finally:
            ctl("POST", "latency", {"millis": 0})

    def test_stats(self):
        ctl("DELETE", "stats")
        creds = self.assume(self.a1)
        client("iam", creds).get_user()
        client("iam", creds).get_login_profile()
        client("organizations").list_accounts()
        stats = ctl("GET", "stats")
        self.assertEqual({"AssumeRoot": 1, "GetUser": 1, "GetLoginProfile": 1, "ListAccounts": 1}, stats["requests"])
        self.assertEqual(4, stats["total"])
        self.assertEqual(0.0, stats["spanSeconds"]["GetUser"])  # one request: no span
        ctl("DELETE", "stats")
        self.assertEqual(0, ctl("GET", "stats")["total"])

    def test_stats_span_from_first_to_last_request_of_an_action(self):
        ctl("DELETE", "stats")
        client("organizations").list_accounts()
        time.sleep(0.3)
        client("organizations").list_accounts()
        stats = ctl("GET", "stats")
        self.assertEqual(2, stats["requests"]["ListAccounts"])
        self.assertGreaterEqual(stats["spanSeconds"]["ListAccounts"], 0.3)
        ctl("DELETE", "stats")
        self.assertEqual({}, ctl("GET", "stats")["spanSeconds"])

    def test_root_state_round_trip_and_defaults(self):
        acct = self.org["accounts"]["plain"]
        put = ctl("PUT", "root-state/%s" % acct, {"accessKeys": [{}], "signingCertificates": [{}],
                                                  "mfaDevices": [{"serial": "GAHT0001"}]})
        self.assertTrue(put["accessKeys"][0]["id"].startswith("AKIA"))
        self.assertEqual("Active", put["accessKeys"][0]["status"])
        self.assertTrue(put["signingCertificates"][0]["id"])
        self.assertIsNone(put["password"])
        self.assertEqual(put, ctl("GET", "root-state/%s" % acct))
        iam = client("iam", self.assume(acct))
        self.assertEqual([put["accessKeys"][0]["id"]], [k["AccessKeyId"] for k in iam.list_access_keys()["AccessKeyMetadata"]])
        ctl("PUT", "root-state/not-an-id", {}, expect=400)
        ctl("GET", "nope", expect=404)

    def test_invalid_organization_body_leaves_nothing_behind(self):
        ctl("POST", "reset", {})
        err = ctl("POST", "organization", standard_org(delegatedAdministrator="no-such-key"), expect=400)
        self.assertIn("error", err)
        ctl("POST", "organization", {"accounts": [{"key": "x", "ou": "missing"}]}, expect=400)
        ctl("POST", "organization", standard_org())  # not a 409: the failed attempts were rolled back

    def test_root_session_outside_iam_is_denied_in_the_service_protocol(self):
        creds = self.assume(self.a1)
        self.assertAwsError("AccessDeniedException", 403, client("organizations", creds).list_accounts)

    def test_reset(self):
        ctl("POST", "faults", {"action": "*", "code": "Throttling"})
        ctl("POST", "latency", {"millis": 1})
        ctl("POST", "clock", {"advanceSeconds": 99999})
        ctl("POST", "reset", {})
        self.assertAwsError("AWSOrganizationsNotInUseException", 400, client("organizations").list_accounts)
        self.assertEqual(0, ctl("GET", "latency")["millis"])
        self.assertEqual([], ctl("GET", "faults")["faults"])
        now = dt.datetime.fromisoformat(ctl("GET", "clock")["now"])
        self.assertLess(abs((now - dt.datetime.now(dt.timezone.utc)).total_seconds()), 60)
        self.assertEqual(1, ctl("GET", "stats")["total"])  # the ListAccounts above
        self.assertIsNone(ctl("GET", "root-state/%s" % self.a1)["password"])
        # the same ids can be seeded again after a reset
        again = ctl("POST", "organization", standard_org())
        self.assertEqual(self.a1, again["accounts"]["a1"])
        ctl("POST", "organization", standard_org(), expect=409)

    def test_concurrent_audits(self):
        targets = [self.a1, self.org["accounts"]["bare"], self.org["accounts"]["plain"], self.org["accounts"]["admin"]] * 5
        errors = []
        sts_client = _session.client("sts", endpoint_url=ENDPOINT, config=NO_RETRY)

        def audit(target):
            try:
                c = sts_client.assume_root(TargetPrincipal=target, TaskPolicyArn={"arn": AUDIT})["Credentials"]
                iam = _session.client("iam", endpoint_url=ENDPOINT, config=NO_RETRY, aws_access_key_id=c["AccessKeyId"],
                                      aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
                arn = iam.get_user()["User"]["Arn"]
                if arn != "arn:aws:iam::%s:root" % target:
                    errors.append(arn)
            except Exception as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=audit, args=(t,)) for t in targets]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual([], errors)


class ProcessLifecycleTest(unittest.TestCase):
    def test_exits_on_stdin_eof_and_on_sigterm(self):
        proc, _ = start_emulator("--exit-on-stdin-eof")
        proc.stdin.close()
        self.assertEqual(0, proc.wait(10))
        stop_emulator(proc)
        proc, port = start_emulator()
        proc.stdin.close()  # without the flag stdin is ignored
        time.sleep(0.7)
        self.assertIsNone(proc.poll())
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(10))
        self.assertEqual("", proc.stdout.read())  # exactly one stdout line was printed
        stop_emulator(proc)

    def test_wrong_moto_version_exits_3(self):
        with tempfile.TemporaryDirectory() as fake:
            info = os.path.join(fake, "moto-0.0.1.dist-info")
            os.makedirs(info)
            with open(os.path.join(info, "METADATA"), "w") as f:
                f.write("Metadata-Version: 2.1\nName: moto\nVersion: 0.0.1\n")
            env = dict(os.environ, PYTHONPATH=fake)
            done = subprocess.run([sys.executable, EMULATOR], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(3, done.returncode)
        self.assertIn("pip install 'moto[server]==5.2.1'", done.stderr)
        self.assertEqual("", done.stdout)


if __name__ == "__main__":
    unittest.main()

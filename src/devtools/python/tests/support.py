"""What the emulator's tests share: the emulator process, boto3 clients, control calls, a standard organization.

Run from the repository root:

    python3 -m unittest discover -s src/devtools/python/tests -t src/devtools/python -v

(``./mvnw test`` runs the same). One test module alone, from ``src/devtools/python``:
``python3 -m unittest tests.test_faults -v``.

The emulator runs as a subprocess (``python3 -m rootaudit_emulator``) on a free port.
One process serves every test module of a run: it takes seconds to start on a busy
machine, and each test case resets it (``EmulatorTestCase.setUp``). It stops when the
test run exits, or, failing that, when its stdin closes. boto3 (same service models as
the AWS SDK for Java) drives the AWS side, urllib the control endpoints.
"""

import atexit
import json
import os
import subprocess
import sys
import threading
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

# The folder that holds the rootaudit_emulator package: the emulator runs from there.
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUDIT = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
DELETE = "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials"
CREATE_PW = "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword"
S3_UNLOCK = "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"
SQS_UNLOCK = "arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy"
MGMT = "123456789012"
NO_RETRY = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30)


def start_emulator(*extra, env=None):
    """Start an emulator; return (process, port). Raises if it is not ready within 30 s."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "rootaudit_emulator", "--port", "0", *extra],
        cwd=PACKAGE_PARENT,
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


_shared = {}  # "endpoint" and "session" of the emulator all test modules share, once started
_clients = {}


def endpoint():
    """The URL of the shared emulator, started on first use and stopped when the test run exits."""
    if not _shared:
        os.environ.pop("MOTO_ACCOUNT_ID", None)
        proc, port = start_emulator("--exit-on-stdin-eof")
        atexit.register(stop_emulator, proc)
        _shared["endpoint"] = "http://127.0.0.1:%d" % port
        # One shared session: creating a Session per client costs ~0.1 s.
        _shared["session"] = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                           region_name="us-east-1")
    return _shared["endpoint"]


def session():
    """The boto3 session of the default (management account) caller."""
    endpoint()
    return _shared["session"]


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
        _clients[key] = session().client(service, endpoint_url=endpoint(), config=NO_RETRY, **kwargs)
    return _clients[key]


def ctl(method, path, body=None, expect=200):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(endpoint() + "/_rootaudit/" + path, data=data, method=method,
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
    """A test against the shared emulator, reset and seeded with ``standard_org`` before each test."""

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

"""AssumeRoot: who may call it, what it returns, partitions, expiry on the emulator clock."""

import datetime as dt

import boto3

from .support import AUDIT, MGMT, NO_RETRY, EmulatorTestCase, client, ctl, endpoint, member_creds, session


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
            sts = session().client("sts", endpoint_url=endpoint(), config=NO_RETRY, region_name=region)
            own = "arn:%s:iam::aws:policy/root-task/IAMAuditRootUserCredentials" % partition
            creds = sts.assume_root(TargetPrincipal=self.a1, TaskPolicyArn={"arn": own})["Credentials"]
            root = boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                                 aws_session_token=creds["SessionToken"], region_name=region)
            ident = root.client("sts", endpoint_url=endpoint(), config=NO_RETRY).get_caller_identity()
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

"""The control endpoints: latency, stats, root state, reset, and requests served concurrently."""

import datetime as dt
import threading
import time

from .support import AUDIT, NO_RETRY, EmulatorTestCase, client, ctl, endpoint, session, standard_org


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
        sts_client = session().client("sts", endpoint_url=endpoint(), config=NO_RETRY)

        def audit(target):
            try:
                c = sts_client.assume_root(TargetPrincipal=target, TaskPolicyArn={"arn": AUDIT})["Credentials"]
                iam = session().client("iam", endpoint_url=endpoint(), config=NO_RETRY, aws_access_key_id=c["AccessKeyId"],
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

"""Fault injection: errors, quotas, rates and delays on chosen requests."""

import json
import time

from botocore.config import Config
from botocore.exceptions import ClientError, ReadTimeoutError

from .support import EmulatorTestCase, client, ctl, endpoint, session


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

    def test_after_lets_that_many_matching_requests_through_first(self):
        ctl("POST", "faults", {"action": "ListAccounts", "code": "AccessDeniedException", "after": 2, "count": 1})
        org = client("organizations")
        org.list_accounts()
        org.list_accounts()
        self.assertAwsError("AccessDeniedException", 400, org.list_accounts)  # the third
        org.list_accounts()  # count exhausted
        self.assertIn("after must be 0 or more", json.dumps(ctl("POST", "faults", {"action": "ListAccounts", "after": -1},
                                                                expect=400)))

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
        """perSecond=5 is a token bucket: a burst of 5, then 5 requests a second.

        How many requests pass depends on how long they take, and they take longer on a busy
        machine. So the test times them with the clock the emulator's bucket uses (monotonic)
        and holds the outcomes to the bucket's bounds for those times: from the first request
        on, t seconds can let at most 5 + 5 * t requests through, and a pause of p seconds
        earns at least min(5, 5 * p) tokens. When the requests are fast these bounds are the
        plain expectations: 5 of 12 pass, then 2 of the next 6 after half a second.
        """
        ctl("POST", "faults", {"action": "ListRoots", "code": "TooManyRequestsException", "perSecond": 5})
        org = client("organizations")
        calls = []  # (sent, answered, passed)

        def list_roots():
            sent = time.monotonic()
            try:
                org.list_roots()
                passed = True
            except org.exceptions.TooManyRequestsException as exc:
                self.assertEqual(400, exc.response["ResponseMetadata"]["HTTPStatusCode"])
                passed = False
            calls.append((sent, time.monotonic(), passed))
            return passed

        def assert_within_quota():
            # The bucket is full (5) when the first request arrives and gains 5 tokens a second after that.
            first_sent = calls[0][0]
            passed = 0
            for _, answered, ok in calls:
                passed += ok
                self.assertLessEqual(passed, 5 + 5 * (answered - first_sent), calls)

        for _ in range(12):  # far faster than 5/s unless the machine is very busy
            list_roots()
        while len(calls) < 40 and all(ok for _, _, ok in calls):  # a very slow run earns tokens on the way
            list_roots()
        self.assertEqual([True] * 5, [ok for _, _, ok in calls[:5]], calls)  # the burst
        self.assertIn(False, [ok for _, _, ok in calls], calls)  # then the quota
        assert_within_quota()
        time.sleep(0.5)  # earns 2.5 tokens
        self.assertTrue(list_roots(), calls)
        self.assertTrue(list_roots(), calls)
        for _ in range(4):  # from the third on throttled, unless the requests took long enough to earn more
            list_roots()
        assert_within_quota()
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
        impatient = session().client("sts", endpoint_url=endpoint(), region_name="us-east-1",
                                    config=Config(retries={"total_max_attempts": 1}, read_timeout=1))
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

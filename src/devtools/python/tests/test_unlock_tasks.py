"""The S3 and SQS unlock tasks: seeded buckets and queues, locked policies removed, sessions confined."""

import json

from botocore.exceptions import ClientError

from .support import AUDIT, CREATE_PW, DELETE, S3_UNLOCK, SQS_UNLOCK, EmulatorTestCase, client, ctl, endpoint

DENY_ALL_S3 = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Locked", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::locked-bucket",
                                                                                       "arn:aws:s3:::locked-bucket/*"]}]})


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
        self.assertEqual("%s/%s/q1" % (endpoint(), self.a1), q["queueUrl"])
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

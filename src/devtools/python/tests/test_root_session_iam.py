"""IAM inside a root session: the root user's credentials read, deleted and created per task policy."""

import datetime as dt

from .support import CREATE_PW, DELETE, EmulatorTestCase, client, ctl


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

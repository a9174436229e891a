"""The management account's root user as its own principals see it: GetAccountSummary, the credential
report's <root_account> row and ListVirtualMFADevices reflect the seeded root-user state."""

import csv
import io
import time

from .support import MGMT, EmulatorTestCase, client, ctl, member_creds

MGMT_ROOT = {
    "createDate": "2018-01-02T03:04:05Z",
    "password": {"createDate": "2018-01-02T03:04:05Z", "lastUsed": "2026-11-20T08:00:00Z"},
    "accessKeys": [{"id": "AKIAMGMTROOTKEY00001", "status": "Inactive", "createDate": "2019-01-01T00:00:00Z",
                    "lastUsed": "2019-02-01T10:00:00Z", "service": "ec2", "region": "us-east-1"}],
    "signingCertificates": [{"id": "CERTMGMT000000000000000000000001", "status": "Active",
                             "uploadDate": "2019-03-01T00:00:00Z"}],
    "mfaDevices": [{"serial": "arn:aws:iam::%s:mfa/root-account-mfa-device" % MGMT, "enableDate": "2020-05-06T07:08:09Z"}],
}


def report_rows(iam):
    deadline = time.monotonic() + 10
    while iam.generate_credential_report()["State"] != "COMPLETE":
        if time.monotonic() > deadline:
            raise AssertionError("credential report never COMPLETE")
    report = iam.get_credential_report()
    return report, list(csv.DictReader(io.StringIO(report["Content"].decode())))


class AccountRootTest(EmulatorTestCase):
    org_body = {"managementRoot": MGMT_ROOT}

    def test_account_summary_reflects_the_management_root(self):
        summary = client("iam").get_account_summary()["SummaryMap"]
        self.assertEqual((1, 1, 1, 1), (summary["AccountMFAEnabled"], summary["AccountAccessKeysPresent"],
                                        summary["AccountSigningCertificatesPresent"], summary["AccountPasswordPresent"]))

    def test_credential_report_has_the_root_row_first(self):
        report, rows = report_rows(client("iam"))
        root = rows[0]
        self.assertEqual("<root_account>", root["user"])
        self.assertEqual("arn:aws:iam::%s:root" % MGMT, root["arn"])
        self.assertEqual("not_supported", root["password_enabled"])
        self.assertEqual("2026-11-20T08:00:00+00:00", root["password_last_used"])
        self.assertEqual("true", root["mfa_active"])
        self.assertEqual(("false", "2019-02-01T10:00:00+00:00", "ec2"),
                         (root["access_key_1_active"], root["access_key_1_last_used_date"],
                          root["access_key_1_last_used_service"]))
        self.assertEqual(("false", "N/A"), (root["access_key_2_active"], root["access_key_2_last_rotated"]))
        self.assertEqual(("true", "2019-03-01T00:00:00+00:00"), (root["cert_1_active"], root["cert_1_last_rotated"]))
        # generated now, not moto's fixed 2015 date
        self.assertGreaterEqual(report["GeneratedTime"].year, 2025)

    def test_virtual_mfa_device_is_listed_for_the_root_arn(self):
        devices = client("iam").list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
        self.assertEqual([("arn:aws:iam::%s:mfa/root-account-mfa-device" % MGMT, "arn:aws:iam::%s:root" % MGMT)],
                         [(d["SerialNumber"], d["User"]["Arn"]) for d in devices])
        self.assertEqual([], client("iam").list_virtual_mfa_devices(AssignmentStatus="Unassigned")["VirtualMFADevices"])

    def test_hardware_mfa_is_active_but_not_virtual(self):
        ctl("PUT", "root-state/%s" % MGMT, {"password": {}, "mfaDevices": [{"serial": "GAHT12345678"}]})
        _, rows = report_rows(client("iam"))
        self.assertEqual("true", rows[0]["mfa_active"])
        self.assertEqual("N/A", rows[0]["password_last_used"])
        self.assertEqual([], client("iam").list_virtual_mfa_devices()["VirtualMFADevices"])

    def test_a_role_assumed_in_the_management_account_reads_the_same(self):
        admin = member_creds(self.org["accounts"]["admin"])
        role = client("sts", admin).assume_role(RoleArn="arn:aws:iam::%s:role/rootaudit-management-root-reader" % MGMT,
                                                RoleSessionName="rootaudit")["Credentials"]
        summary = client("iam", role).get_account_summary()["SummaryMap"]
        self.assertEqual(1, summary["AccountPasswordPresent"])
        _, rows = report_rows(client("iam", role))
        self.assertEqual("arn:aws:iam::%s:root" % MGMT, rows[0]["arn"])

    def test_a_credential_less_root_reads_as_such(self):
        ctl("PUT", "root-state/%s" % MGMT, {})
        summary = client("iam").get_account_summary()["SummaryMap"]
        self.assertEqual(0, summary["AccountPasswordPresent"] + summary["AccountMFAEnabled"])
        _, rows = report_rows(client("iam"))
        self.assertEqual(("N/A", "false"), (rows[0]["password_last_used"], rows[0]["mfa_active"]))

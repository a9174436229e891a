"""Security Hub as a finding provider sees it: updates by ProductArn and Id, the caller's account, filters, faults."""

from .support import MGMT, EmulatorTestCase, client, ctl

PRODUCT = "arn:aws:securityhub:us-east-1:%s:product/%s/default" % (MGMT, MGMT)


def finding(fid, updated="2026-11-01T00:00:00Z", status="FAILED", **extra):
    f = {
        "SchemaVersion": "2018-10-08", "Id": fid, "ProductArn": PRODUCT, "GeneratorId": "root-password-present",
        "AwsAccountId": MGMT, "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
        "CreatedAt": "2026-10-01T00:00:00Z", "UpdatedAt": updated, "Severity": {"Label": "HIGH"},
        "Title": "Root user has a password", "Description": "d",
        "Resources": [{"Type": "AwsAccount", "Id": "arn:aws:iam::310000000001:root"}],
        "Compliance": {"Status": status}, "Workflow": {"Status": "NEW"}, "RecordState": "ACTIVE",
    }
    f.update(extra)
    return f


class SecurityHubTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.hub = client("securityhub")

    def imported(self, **filters):
        return self.hub.get_findings(Filters={k: [{"Value": v, "Comparison": "EQUALS"}] for k, v in filters.items()})["Findings"]

    def test_a_disabled_hub_refuses_every_finding(self):
        answer = self.hub.batch_import_findings(Findings=[finding("a")])
        self.assertEqual(1, answer["FailedCount"])
        self.assertEqual("InvalidAccess", answer["FailedFindings"][0]["ErrorCode"])

    def test_same_id_and_product_updates_the_finding_and_keeps_what_customers_own(self):
        self.hub.enable_security_hub()
        self.hub.batch_import_findings(Findings=[finding("a", Note={"Text": "ticket 1", "UpdatedBy": "x", "UpdatedAt": "2026-10-01T00:00:00Z"}),
                                                 finding("b")])
        later = finding("a", updated="2026-12-01T00:00:00Z", status="PASSED", RecordState="ARCHIVED",
                        Workflow={"Status": "SUPPRESSED"})
        answer = self.hub.batch_import_findings(Findings=[later])
        self.assertEqual((1, 0), (answer["SuccessCount"], answer["FailedCount"]))
        self.assertEqual(2, len(self.imported()))
        a = self.imported(Id="a")[0]
        self.assertEqual(("PASSED", "ARCHIVED", "2026-12-01T00:00:00Z"),
                         (a["Compliance"]["Status"], a["RecordState"], a["UpdatedAt"]))
        self.assertEqual("NEW", a["Workflow"]["Status"])  # Workflow and Note belong to the customer after creation
        self.assertEqual("ticket 1", a["Note"]["Text"])
        self.assertEqual(["b"], [f["Id"] for f in self.imported(RecordState="ACTIVE")])
        self.assertEqual(["a"], [f["Id"] for f in self.imported(ComplianceStatus="PASSED")])

    def test_another_account_an_old_update_and_a_big_batch_are_refused(self):
        self.hub.enable_security_hub()
        self.hub.batch_import_findings(Findings=[finding("a", updated="2026-12-01T00:00:00Z")])
        other = finding("x", AwsAccountId="310000000001")
        answer = self.hub.batch_import_findings(Findings=[other, finding("a", updated="2026-11-01T00:00:00Z")])
        self.assertEqual(["AccessDeniedException", "InvalidInput"], [f["ErrorCode"] for f in answer["FailedFindings"]])
        self.assertEqual("2026-12-01T00:00:00Z", self.imported(Id="a")[0]["UpdatedAt"])
        # timestamps compare as instants, whatever their fraction digits: .5 is later than the whole second
        self.hub.batch_import_findings(Findings=[finding("a", updated="2026-12-01T00:00:00.5Z")])
        self.assertEqual("2026-12-01T00:00:00.5Z", self.imported(Id="a")[0]["UpdatedAt"])
        with self.assertRaises(self.hub.exceptions.InvalidInputException):
            self.hub.batch_import_findings(Findings=[finding("f%d" % i) for i in range(101)])

    def test_partial_failure_and_call_failure_faults(self):
        self.hub.enable_security_hub()
        ctl("POST", "faults", {"action": "BatchImportFindings", "failedFindings": 2, "code": "InternalException",
                               "message": "injected", "count": 1})
        answer = self.hub.batch_import_findings(Findings=[finding("f%d" % i) for i in range(3)])
        self.assertEqual([("f0", "InternalException", "injected"), ("f1", "InternalException", "injected")],
                         [(f["Id"], f["ErrorCode"], f["ErrorMessage"]) for f in answer["FailedFindings"]])
        self.assertEqual(["f2"], [f["Id"] for f in self.imported()])
        ctl("POST", "faults", {"action": "BatchImportFindings", "code": "LimitExceededException", "status": 429,
                               "count": 1})
        with self.assertRaises(self.hub.exceptions.LimitExceededException):
            self.hub.batch_import_findings(Findings=[finding("g")])
        self.hub.batch_import_findings(Findings=[finding("g")])
        self.assertEqual(2, len(self.imported()))

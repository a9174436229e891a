"""Organizations: the seeded organization through the API, and the IAM organization features."""

import datetime as dt
import sys
import time

from .support import MGMT, EmulatorTestCase, client, ctl, member_creds, standard_org


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

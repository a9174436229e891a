package io.rootaudit.devtools.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo organization: 3 top-level OUs (one nested), 34 accounts, every rule triggered somewhere, a
 * suspended account, an excepted account, an account whose AssumeRoot is denied (as an SCP would), a management
 * account whose root keeps a password with only virtual MFA, and account names that test escaping. Account ids are fixed so the exceptions file can name them.
 */
public final class DemoOrganization {

    public static final String MANAGEMENT = "123456789012";
    public static final String DENIED = "210000000031";
    public static final String SUSPENDED = "210000000032";
    public static final String EXCEPTED = "210000000020";
    public static final String EXPIRED_EXCEPTION = "210000000019";

    private final Instant now;

    public DemoOrganization(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The spec for the emulator's organization endpoint. */
    public Map<String, Object> spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("managementAccountId", MANAGEMENT);
        spec.put("managementAccountName", "Acme Management");
        spec.put("managementEmail", "aws-management@acme.example");
        spec.put("featureSet", "ALL");
        spec.put("trustedAccess", true);
        spec.put("rootCredentialsManagement", true);
        spec.put("rootSessions", true);
        // The management root, which sts:AssumeRoot cannot reach, read from inside: a password with only virtual MFA.
        Map<String, Object> managementRoot = new LinkedHashMap<>();
        managementRoot.put("createDate", "2017-06-01T09:00:00Z");
        managementRoot.put("password", password("2017-06-01T09:00:00Z", days(150)));
        managementRoot.put("mfaDevices", List.of(mfa("arn:aws:iam::" + MANAGEMENT + ":mfa/root-account-mfa-device", days(1200))));
        spec.put("managementRoot", managementRoot);
        spec.put("ous", List.of(
                ou("prod", "Production", null), ou("prod-eu", "EU", "prod"),
                ou("dev", "Development", null), ou("sandbox", "Sandbox", null)));
        List<Map<String, Object>> accounts = new ArrayList<>();
        // Credential-less roots: the target state, and most of the organization.
        String[] clean = {"Payments", "Checkout", "Search", "Identity", "Data Lake", "Analytics", "Billing",
                "Logging", "Security Tooling", "Network Hub", "Shared Services", "CI/CD", "Zürich – 東京"};
        for (int i = 0; i < clean.length; i++) {
            accounts.add(account(i + 1, clean[i], i % 3 == 0 ? "prod-eu" : i % 3 == 1 ? "prod" : "dev", Map.of()));
        }
        accounts.add(account(14, "<script>alert(1)</script>", "sandbox", Map.of()));
        accounts.add(account(15, "=HYPERLINK(\"http://evil.example\",\"click\")", "sandbox", Map.of()));
        accounts.add(account(16, "Legacy Web", "prod", Map.of(
                "accessKeys", List.of(key("AKIADEMOACTIVEKEY001", "Active", days(700), days(3), "s3")))));
        accounts.add(account(17, "Legacy Batch", "prod", Map.of(
                "accessKeys", List.of(key("AKIADEMOINACTIVEKEY2", "Inactive", days(900), days(400), "ec2")))));
        accounts.add(account(18, "Marketing Site", "dev", Map.of("password", password(days(500), days(200)))));
        accounts.add(account(EXPIRED_EXCEPTION, "Old Partner Integration", "dev", Map.of(
                "signingCertificates", List.of(Map.of("id", "DEMOCERT0000000000000000000000001", "status", "Active",
                        "uploadDate", days(800))))));
        accounts.add(account(EXCEPTED, "Break Glass", "prod", Map.of(
                "password", password(days(60), days(45)),
                "mfaDevices", List.of(mfa("GAHT12345678", days(60))))));
        accounts.add(account(21, "Research", "sandbox", Map.of(
                "password", password(days(300), null),
                "mfaDevices", List.of(mfa("arn:aws:iam::210000000021:mfa/root-account-mfa-device", days(300))))));
        accounts.add(account(22, "ML Platform", "dev", Map.of(
                "password", password(days(300), days(10)),
                "mfaDevices", List.of(
                        mfa("arn:aws:iam::210000000022:mfa/phone", days(300)),
                        mfa("arn:aws:iam::210000000022:u2f/root-account-mfa-device/DEMOFIDO1", days(100))))));
        accounts.add(account(23, "Mobile Backend", "prod-eu", Map.of(
                "mfaDevices", List.of(mfa("arn:aws:iam::210000000023:mfa/root-account-mfa-device", days(1000))))));
        accounts.add(account(24, "Edge", "prod-eu", Map.of(
                "mfaDevices", List.of(mfa("arn:aws:iam::210000000024:u2f/root-account-mfa-device/DEMOFIDO2", days(1000))))));
        accounts.add(account(25, "Archive", "sandbox", Map.of(
                "password", password(days(2000), days(1500)),
                "accessKeys", List.of(key("AKIADEMOACTIVEKEY025", "Active", days(2000), null, null)),
                "signingCertificates", List.of(Map.of("id", "DEMOCERT0000000000000000000000025", "status", "Inactive",
                        "uploadDate", days(1900))))));
        for (int i = 26; i <= 30; i++) {
            accounts.add(account(i, "Team " + (char) ('A' + i - 26) + " Workload", i % 2 == 0 ? "dev" : "sandbox", Map.of()));
        }
        accounts.add(account(DENIED, "Restricted by SCP", "prod", Map.of()));
        Map<String, Object> suspended = account(SUSPENDED, "Closed Project", "sandbox", Map.of());
        suspended.put("state", "SUSPENDED");
        accounts.add(suspended);
        accounts.add(account(33, "Media", "prod-eu", Map.of()));
        spec.put("accounts", accounts);
        return spec;
    }

    /** The fault that makes AssumeRoot into {@link #DENIED} fail as a service control policy would. */
    public Map<String, Object> deniedFault() {
        return Map.of("action", "AssumeRoot", "target", DENIED, "code", "AccessDenied", "status", 403,
                "message", "User: arn:aws:sts::" + MANAGEMENT + ":assumed-role/RootAudit/cron is not authorized to perform: "
                        + "sts:AssumeRoot on resource: arn:aws:iam::" + DENIED + ":root with an explicit deny in a "
                        + "service control policy");
    }

    /** An exceptions file: a valid break-glass exception and an expired one. */
    public String exceptionsYaml() {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return """
                # Approved deviations from the credential-less root target state.
                exceptions:
                  - account: "%s"
                    reason: Break-glass root password with hardware MFA for the payments incident runbook
                    approver: ciso@acme.example
                    ticket: SEC-1042
                    expires: %s
                  - account: "%s"
                    rules: [root-signing-certificate-present]
                    reason: Partner integration signing certificate, to be retired
                    approver: security-lead@acme.example
                    ticket: SEC-0977
                    expires: %s
                """.formatted(EXCEPTED, today.plusDays(90), EXPIRED_EXCEPTION, today.minusDays(30));
    }

    private static Map<String, Object> ou(String key, String name, String parent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("name", name);
        m.put("parent", parent);
        return m;
    }

    private Map<String, Object> account(int n, String name, String ou, Map<String, Object> root) {
        return account(String.format("2100000000%02d", n), name, ou, root);
    }

    private Map<String, Object> account(String id, String name, String ou, Map<String, Object> root) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", id);
        m.put("id", id);
        m.put("name", name);
        m.put("email", "aws+" + id + "@acme.example");
        m.put("ou", ou);
        m.put("state", "ACTIVE");
        // accounts ending in 9 carry no owner tag, so the demo's reports show accounts nobody owns
        m.put("tags", id.endsWith("9") ? Map.of("cost-center", "cc-" + id.substring(9))
                : Map.of("cost-center", "cc-" + id.substring(9), "owner", "team-" + id.substring(10)));
        m.put("joinedTimestamp", "2021-03-04T05:06:07Z");
        Map<String, Object> state = new LinkedHashMap<>(root);
        state.put("createDate", "2021-03-04T05:06:07Z");
        m.put("root", state);
        return m;
    }

    private String days(int ago) {
        return now.minus(ago, ChronoUnit.DAYS).toString();
    }

    private static Map<String, Object> password(String created, String lastUsed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("createDate", created);
        m.put("lastUsed", lastUsed);
        m.put("passwordResetRequired", false);
        return m;
    }

    private static Map<String, Object> key(String id, String status, String created, String lastUsed, String service) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", status);
        m.put("createDate", created);
        m.put("lastUsed", lastUsed);
        m.put("service", service);
        m.put("region", lastUsed == null ? null : "us-east-1");
        return m;
    }

    private static Map<String, Object> mfa(String serial, String enabled) {
        return Map.of("serial", serial, "enableDate", enabled);
    }
}

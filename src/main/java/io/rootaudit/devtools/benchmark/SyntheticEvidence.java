package io.rootaudit.devtools.benchmark;

import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.MfaType;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.audit.RootCredentialInventory.CredentialStatus;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import io.rootaudit.audit.RootCredentialInventory.Password;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.compliance.Tally;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic evidence report of any size with a realistic mix (most roots credential-less, some with keys,
 * passwords and MFA of each type, a few errors, exceptions, skipped accounts, hostile names), for the
 * report benchmark and for writer tests that need scale without an organization.
 */
public final class SyntheticEvidence {

    private static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");
    private static final String[] NAMES = {"Payments", "Zürich – 東京", "<script>alert(1)</script>",
            "=HYPERLINK(\"http://evil.example\")", "Data Lake", "Identity", "Analytics", "Edge", "Search", "Billing"};

    private SyntheticEvidence() {}

    public static EvidenceReport of(int accounts) {
        List<AccountRow> rows = new ArrayList<>(accounts);
        Map<AccountStatus, Integer> byStatus = new EnumMap<>(AccountStatus.class);
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (AccountStatus s : AccountStatus.values()) {
            byStatus.put(s, 0);
        }
        for (Severity s : Severity.values()) {
            bySeverity.put(s, 0);
        }
        for (int i = 0; i < accounts; i++) {
            AccountRow row = account(i);
            rows.add(row);
            byStatus.merge(row.status(), 1, Integer::sum);
            row.findings().stream().filter(f -> !f.excepted()).forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        }
        int good = byStatus.get(AccountStatus.COMPLIANT) + byStatus.get(AccountStatus.EXCEPTED);
        int assessed = good + byStatus.get(AccountStatus.NON_COMPLIANT) + byStatus.get(AccountStatus.ERROR);
        Tally tally = new Tally(byStatus.get(AccountStatus.NON_COMPLIANT), byStatus.get(AccountStatus.EXCEPTED),
                byStatus.get(AccountStatus.COMPLIANT), byStatus.get(AccountStatus.ERROR));
        EvidenceReport.Summary summary = new EvidenceReport.Summary(accounts, byStatus, bySeverity,
                assessed == 0 ? null : (double) good / assessed,
                List.of(new EvidenceReport.RuleRow("root-access-key-active", "Root user has an active access key",
                        Severity.CRITICAL, tally)),
                List.of(new EvidenceReport.ControlRow("CIS AWS Foundations Benchmark v5.0.0", "1.3",
                        "Ensure no 'root' user account access key exists", "CIS v5.0 1.3", tally)));
        EvidenceReport.RunInfo run = new EvidenceReport.RunInfo("2026-11-1-abcdef", "2026-11", 1, "o-synthetic01",
                "123456789012", "arn:aws:sts::123456789012:assumed-role/RootAudit/cron", "MANAGEMENT_ACCOUNT",
                NOW, NOW.plus(Duration.ofMinutes(9)), "0.1.0", "{}", "0".repeat(64), NOW.plus(Duration.ofMinutes(10)));
        EvidenceReport.OrganizationView org = new EvidenceReport.OrganizationView(
                List.of("RootCredentialsManagement", "RootSessions"),
                List.of(new PrerequisiteCheck("root-sessions", "RootSessions enabled", PrerequisiteCheck.Outcome.PASSED,
                        "RootSessions is enabled", null)),
                List.of());
        List<EvidenceReport.ExceptionRow> exceptions = List.of(
                new EvidenceReport.ExceptionRow(id(7), NAMES[7 % NAMES.length], List.of(), "Break-glass", "ciso@example.com",
                        "SEC-1", LocalDate.of(2027, 1, 31), "ACTIVE"),
                new EvidenceReport.ExceptionRow(id(17), NAMES[17 % NAMES.length], List.of("root-signing-certificate-present"),
                        "Legacy partner", "lead@example.com", "SEC-2", LocalDate.of(2026, 10, 1), "EXPIRED"));
        List<EvidenceReport.FindingChange> changes = new ArrayList<>();
        for (AccountRow r : rows) {
            for (FindingRow f : r.findings()) {
                changes.add(new EvidenceReport.FindingChange(r.accountId(), r.name(), f.ruleId(), f.severity(),
                        r.accountId().hashCode() % 3 == 0 ? EvidenceReport.Change.NEW : EvidenceReport.Change.STILL_OPEN,
                        f.detail()));
            }
        }
        EvidenceReport.Trend trend = new EvidenceReport.Trend("2026-10-1-fedcba", "2026-10", NOW.minus(Duration.ofDays(30)),
                0.80, summary.complianceRate() == null ? null : summary.complianceRate() - 0.80,
                (int) changes.stream().filter(c -> c.change() == EvidenceReport.Change.NEW).count(), 3,
                (int) changes.stream().filter(c -> c.change() == EvidenceReport.Change.STILL_OPEN).count(), changes);
        return new EvidenceReport(run, org, summary, rows, exceptions, trend, null, remediation(rows),
                privilegedActions(rows));
    }

    /** Account index of the root whose password an allow-recovery let its owner reset two days before the run. */
    static final int RECOVERING = 17;

    /**
     * An APPLY remediation of a few of the non-compliant accounts: two REMEDIATED, one FAILED (the password's
     * deletion denied), one SKIPPED_EXCEPTED and one SKIPPED_RECOVERY_IN_PROGRESS; {@code null} when the report
     * has none of those accounts.
     */
    private static EvidenceReport.Remediation remediation(List<AccountRow> rows) {
        List<EvidenceReport.RemediationRow> accounts = new ArrayList<>();
        for (int i : new int[] {3, 7, 13, RECOVERING, 23}) {
            if (i >= rows.size() || rows.get(i).inventory() == null) {
                continue;
            }
            AccountRow a = rows.get(i);
            RootCredentialInventory before = a.inventory();
            String key = before.accessKeys().get(0).accessKeyId();
            String mfa = before.mfaDevices().get(0).serialNumber();
            Instant at = NOW.plus(Duration.ofMinutes(7)).plusSeconds(i);
            accounts.add(switch (i) {
                case 7 -> new EvidenceReport.RemediationRow(a.accountId(), a.name(), "SKIPPED_EXCEPTED",
                        "an exception covers at least one finding of this account", before, null, List.of());
                case RECOVERING -> new EvidenceReport.RemediationRow(a.accountId(), a.name(), "SKIPPED_RECOVERY_IN_PROGRESS",
                        "root password created " + before.password().createdAt() + ", within the grace period of PT168H: "
                                + "a recovery in progress is left alone", before, null, List.of());
                case 13 -> new EvidenceReport.RemediationRow(a.accountId(), a.name(), "FAILED",
                        "DELETE_LOGIN_PROFILE failed: AccessDenied", before,
                        new RootCredentialInventory(before.rootArn(), before.rootCreatedAt(), before.password(), List.of(),
                                List.of(), List.of()),
                        List.of(new EvidenceReport.ActionRow("DELETE_ACCESS_KEY", key, "DONE", null, at),
                                new EvidenceReport.ActionRow("DEACTIVATE_MFA_DEVICE", mfa, "DONE", null, at.plusSeconds(1)),
                                new EvidenceReport.ActionRow("DELETE_VIRTUAL_MFA_DEVICE", mfa, "NOT_PERMITTED",
                                        "AccessDenied: the task policy does not allow iam:DeleteVirtualMFADevice",
                                        at.plusSeconds(2)),
                                new EvidenceReport.ActionRow("DELETE_LOGIN_PROFILE", "login-profile", "FAILED",
                                        "AccessDenied: explicit deny in a service control policy", at.plusSeconds(3))));
                default -> new EvidenceReport.RemediationRow(a.accountId(), a.name(), "REMEDIATED", null, before,
                        RootCredentialInventory.credentialLess(before.rootArn(), before.rootCreatedAt()),
                        List.of(new EvidenceReport.ActionRow("DELETE_ACCESS_KEY", key, "DONE", null, at),
                                new EvidenceReport.ActionRow("DEACTIVATE_MFA_DEVICE", mfa, "DONE", null, at.plusSeconds(1)),
                                new EvidenceReport.ActionRow("DELETE_VIRTUAL_MFA_DEVICE", mfa, "NOT_PERMITTED",
                                        "AccessDenied: the task policy does not allow iam:DeleteVirtualMFADevice",
                                        at.plusSeconds(2)),
                                new EvidenceReport.ActionRow("DELETE_LOGIN_PROFILE", "login-profile", "DONE", null,
                                        at.plusSeconds(3))));
            });
        }
        return accounts.isEmpty() ? null : new EvidenceReport.Remediation("APPLY", accounts);
    }

    /** A dry-run bucket unlock, then the allow-recovery that explains the SKIPPED_RECOVERY_IN_PROGRESS account. */
    private static List<EvidenceReport.PrivilegedActionRow> privilegedActions(List<AccountRow> rows) {
        String unlocked = id(3);
        String recovering = id(RECOVERING);
        return List.of(
                new EvidenceReport.PrivilegedActionRow("pa-2026-11-17-0001", "unlock-s3-bucket-policy", unlocked,
                        rows.size() > 3 ? rows.get(3).name() : null, "arn:aws:s3:::payments-audit-logs-" + unlocked,
                        "arn:aws:sts::123456789012:assumed-role/RootAuditOperator/bob", NOW.minus(Duration.ofDays(10)),
                        "Bucket policy denies every principal after a faulty deployment", "INC-2026-1187", true, "DRY_RUN",
                        "Would delete the bucket policy {\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\"}]}"),
                new EvidenceReport.PrivilegedActionRow("pa-2026-11-24-0002", "allow-recovery", recovering,
                        rows.size() > RECOVERING ? rows.get(RECOVERING).name() : null, null,
                        "arn:aws:sts::123456789012:assumed-role/RootAuditOperator/alice", NOW.minus(Duration.ofDays(3)),
                        "Account owner must sign in as root to close the legacy support plan", "CHG-4711", false, "DONE",
                        "CreateLoginProfile in an IAMCreateRootUserPassword session: the root password can be reset "
                                + "through the sign-in page"));
    }

    private static String id(int i) {
        return String.format("%012d", 400000000000L + i);
    }

    private static AccountRow account(int i) {
        String id = id(i);
        String name = NAMES[i % NAMES.length] + " " + i;
        String ou = "Root/Workloads/" + (i % 2 == 0 ? "Prod" : "Dev");
        Map<String, String> tags = i % 10 == 0 ? Map.of() : Map.of("owner", "team-" + (i % 40));
        Instant joined = NOW.minus(Duration.ofDays(400 + i % 900));
        if (i % 97 == 0) {
            return new AccountRow(id, name, "a" + i + "@example.com", ou, "SUSPENDED", joined, tags, OWNERS.of(tags), AccountStatus.SKIPPED,
                    "account state is SUSPENDED", null, null, List.of(), List.of(), null, null);
        }
        if (i % 53 == 0) {
            return new AccountRow(id, name, "a" + i + "@example.com", ou, "ACTIVE", joined, tags, OWNERS.of(tags), AccountStatus.ERROR, null,
                    null, null, List.of(), List.of(), new AuditError("AccessDenied", "explicit deny in a service control policy"),
                    NOW);
        }
        String arn = "arn:aws:iam::" + id + ":root";
        if (i % 10 != 3 && i % 10 != 7) {
            return new AccountRow(id, name, "a" + i + "@example.com", ou, "ACTIVE", joined, tags, OWNERS.of(tags), AccountStatus.COMPLIANT,
                    null, null, RootCredentialInventory.credentialLess(arn, joined), List.of(), List.of(), null, NOW);
        }
        // the recovery allowed three days before the run: its owner reset the password a day later
        Password password = i == RECOVERING
                ? new Password(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)), false)
                : new Password(NOW.minus(Duration.ofDays(300)), NOW.minus(Duration.ofDays(20)), false);
        List<AccessKey> keys = List.of(new AccessKey("AKIA" + id.substring(4) + "XXXX", CredentialStatus.ACTIVE,
                NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(2)), "s3", "us-east-1"));
        List<MfaDevice> mfa = List.of(new MfaDevice("arn:aws:iam::" + id + ":mfa/root-account-mfa-device", MfaType.VIRTUAL,
                NOW.minus(Duration.ofDays(300))));
        RootCredentialInventory inventory = new RootCredentialInventory(arn, joined, password, keys, List.of(), mfa);
        boolean excepted = i % 10 == 7 && i % 20 == 7;
        String ref = excepted ? "SEC-1" : null;
        List<FindingRow> findings = List.of(
                new FindingRow(id, name, "root-access-key-active", "Root user has an active access key", Severity.CRITICAL,
                        List.of("CIS v3.0 1.4", "CIS v5.0 1.3", "Security Hub IAM.4"),
                        "Access key " + keys.get(0).accessKeyId() + " is active", keys.get(0).accessKeyId(), ref,
                        "Delete the key with the IAMDeleteRootUserCredentials task."),
                new FindingRow(id, name, "root-mfa-virtual-only", "Root password is protected only by virtual MFA",
                        Severity.HIGH, List.of("CIS v3.0 1.6", "CIS v5.0 1.5", "Security Hub IAM.6"),
                        "Root has a console password and only virtual MFA", null, ref, "Delete the password."),
                new FindingRow(id, name, "root-password-present", "Root user has a console password", Severity.HIGH,
                        List.of("CIS v3.0 1.7", "CIS v5.0 1.6", "CIS v7.0 2.1.1"), "Root has a console password", null, ref,
                        "Delete the password."));
        return new AccountRow(id, name, "a" + i + "@example.com", ou, "ACTIVE", joined, tags, OWNERS.of(tags),
                excepted ? AccountStatus.EXCEPTED : AccountStatus.NON_COMPLIANT, null, Severity.CRITICAL, inventory, findings,
                excepted ? List.of("SEC-1") : List.of(), null, NOW);
    }

    /** Owner routing on {@code owner}; every tenth account carries no owner tag, so "no owner" has accounts too. */
    private static final io.rootaudit.organization.AccountOwner OWNERS =
            new io.rootaudit.organization.AccountOwner(List.of("owner"));
}

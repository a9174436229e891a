package io.rootaudit.notify;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.Severity;
import io.rootaudit.report.EvidenceReport;
import io.rootaudit.report.EvidenceReport.AccountRow;
import io.rootaudit.report.EvidenceReport.Change;
import io.rootaudit.report.EvidenceReport.FindingChange;
import io.rootaudit.report.EvidenceReport.FindingRow;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed second run of a small organization, with every kind of finding change: the report the documented sample
 * events (config/eventbridge/sample-*.json) are made from.
 */
final class Fixtures {

    static final Instant STARTED = Instant.parse("2026-11-01T06:00:00Z");
    static final Instant ENDED = Instant.parse("2026-11-01T06:04:12Z");
    static final RunEvents.PackLocation PACK = new RunEvents.PackLocation(
            "/var/lib/rootaudit/reports/o-a1b2c3d4e5/2026-11/2026-11-1-3f9c2a",
            "s3://example-evidence/rootaudit/o-a1b2c3d4e5/2026-11/2026-11-1-3f9c2a/");
    static final RuleLabels LABELS = rule -> switch (rule) {
        case "root-access-key-active" -> new RuleLabels.Label("Root user has an active access key",
                List.of("CIS v7.0 2.4", "Security Hub IAM.4"));
        case "root-password-present" -> new RuleLabels.Label("Root user has a console password",
                List.of("CIS v7.0 2.1.1", "CIS v7.0 2.7"));
        default -> new RuleLabels.Label(rule, List.of());
    };

    private Fixtures() {}

    static EvidenceReport report() {
        FindingRow key = new FindingRow("111122223333", "Payments Prod", "root-access-key-active",
                "Root user has an active access key", Severity.CRITICAL, List.of("CIS v7.0 2.4", "Security Hub IAM.4"),
                "Access key AKIAEXAMPLEROOTKEY01 is active, created 2026-10-14", "AKIAEXAMPLEROOTKEY01", null, "Delete it.");
        FindingRow password = new FindingRow("444455556666", "Sandbox \"dev\"", "root-password-present",
                "Root user has a console password", Severity.HIGH, List.of("CIS v7.0 2.1.1", "CIS v7.0 2.7"), "Root has a console password",
                null, null, "Delete it.");
        List<AccountRow> accounts = List.of(
                account("111122223333", "Payments Prod", AccountStatus.NON_COMPLIANT, List.of(key)),
                account("444455556666", "Sandbox \"dev\"", AccountStatus.NON_COMPLIANT, List.of(password)),
                account("777788889999", "Data Lake", AccountStatus.COMPLIANT, List.of()));
        Map<AccountStatus, Integer> byStatus = new EnumMap<>(AccountStatus.class);
        for (AccountStatus s : AccountStatus.values()) {
            byStatus.put(s, 0);
        }
        byStatus.put(AccountStatus.COMPLIANT, 1);
        byStatus.put(AccountStatus.NON_COMPLIANT, 2);
        byStatus.put(AccountStatus.NOT_APPLICABLE, 1);
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            bySeverity.put(s, 0);
        }
        bySeverity.put(Severity.CRITICAL, 1);
        bySeverity.put(Severity.HIGH, 1);
        EvidenceReport.Summary summary = new EvidenceReport.Summary(4, byStatus, bySeverity, 1 / 3.0, List.of(), List.of());
        EvidenceReport.Trend trend = new EvidenceReport.Trend("2026-10-1-8d41e0", "2026-10",
                Instant.parse("2026-10-01T06:03:55Z"), 1 / 3.0, 0.0, 1, 1, 1, List.of(
                new FindingChange("111122223333", "Payments Prod", "root-access-key-active", Severity.CRITICAL,
                        Change.NEW, "Access key AKIAEXAMPLEROOTKEY01 is active, created 2026-10-14"),
                new FindingChange("444455556666", "Sandbox \"dev\"", "root-password-present", Severity.HIGH,
                        Change.STILL_OPEN, "Root has a console password"),
                new FindingChange("777788889999", "Data Lake", "root-password-present", Severity.HIGH, Change.RESOLVED,
                        "Root has a console password")));
        EvidenceReport.RunInfo run = new EvidenceReport.RunInfo("2026-11-1-3f9c2a", "2026-11", 1, "o-a1b2c3d4e5",
                "123456789012", "arn:aws:sts::123456789012:assumed-role/RootAudit/cron", "MANAGEMENT_ACCOUNT", STARTED,
                ENDED, "0.1.0", "{}", "0".repeat(64), ENDED);
        return new EvidenceReport(run, new EvidenceReport.OrganizationView(List.of(), List.of(), List.of()), summary,
                accounts, List.of(), trend, null, null, List.of());
    }

    private static AccountRow account(String id, String name, AccountStatus status, List<FindingRow> findings) {
        String owner = name.startsWith("Sandbox") ? "no owner" : "platform-team@example.com";
        return new AccountRow(id, name, id + "@example.com", "Root/Workloads", "ACTIVE", STARTED, Map.of(), owner, status,
                null,
                findings.isEmpty() ? null : findings.get(0).severity(), null, findings, List.of(), null, ENDED);
    }
}

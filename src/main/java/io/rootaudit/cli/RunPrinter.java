package io.rootaudit.cli;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.report.EvidenceReports;
import io.rootaudit.store.RunRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** What the commands print for people: preflight checks and the run summary. */
final class RunPrinter {

    private RunPrinter() {}

    static void preflight(PrintStream out, PreflightReport report) {
        out.println("Preflight" + (report.callerArn() == null ? "" : " as " + report.callerArn()) + ":");
        for (PrerequisiteCheck c : report.checks()) {
            out.printf(Locale.ROOT, "  [%-11s] %s: %s%n", c.outcome(), c.title(), c.detail());
            if (c.fix() != null && c.outcome() != PrerequisiteCheck.Outcome.PASSED) {
                out.println("                fix: " + c.fix());
            }
        }
    }

    static void summary(PrintStream out, RunRecord run, Map<AccountStatus, Long> counts, Path folder,
                        int organizationFindings) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Double rate = EvidenceReports.rate(counts);
        out.printf(Locale.ROOT, "Run %s of organization %s for %s: %d accounts%n", run.runId(), run.organizationId(),
                run.period(), total);
        for (AccountStatus s : AccountStatus.values()) {
            out.printf(Locale.ROOT, "  %-15s %d%n", s, counts.get(s));
        }
        out.println(rate == null ? "  compliance rate: n/a (no account assessed)"
                : String.format(Locale.ROOT, "  compliance rate: %.1f%% ((COMPLIANT + EXCEPTED) / audited or errored)",
                        100.0 * rate));
        if (organizationFindings > 0) {
            out.println("  organization-level findings: " + organizationFindings);
        }
        out.println("Results: " + folder.toAbsolutePath().normalize());
    }
}

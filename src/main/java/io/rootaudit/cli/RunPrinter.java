package io.rootaudit.cli;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.report.EvidenceReports;
import io.rootaudit.store.RunRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** What the commands print for people: the safety settings, preflight checks and the run summary. */
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

    /**
     * The settings that decide what a run may change, as they are in force: printed first by every command that can
     * change something, so that an operator (or the cron log) sees a mistyped value before it acts.
     */
    static void safetySettings(PrintStream out, RootAuditProperties properties, ExceptionRegister exceptions) {
        RootAuditProperties.Remediation r = properties.remediation();
        out.println("Safety settings: remediation.mode=" + r.mode().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ", grace-period=" + readable(r.gracePeriod()) + ", max-accounts=" + r.maxAccounts()
                + ", retry-for=" + readable(r.retryFor()));
        out.println("  audit scope: " + scope(properties.scope()) + "; remediation scope: " + scope(r.scope()));
        out.println("  exceptions: " + (properties.exceptionsFile() == null
                ? "none" + (r.acknowledgeNoExceptionsFile() ? " (acknowledged: rootaudit.remediation.acknowledge-no-exceptions-file)" : "")
                : exceptions.entries().size() + " entries from " + properties.exceptionsFile()));
    }

    private static String scope(RootAuditProperties.Scope scope) {
        if (scope.organizationalUnits().isEmpty() && scope.includeAccounts().isEmpty() && scope.excludeAccounts().isEmpty()) {
            return "all accounts";
        }
        StringBuilder sb = new StringBuilder();
        if (!scope.organizationalUnits().isEmpty()) {
            sb.append("under ").append(String.join(",", scope.organizationalUnits()));
        }
        if (!scope.includeAccounts().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : ", ").append("only ").append(String.join(",", scope.includeAccounts()));
        }
        if (!scope.excludeAccounts().isEmpty()) {
            sb.append(sb.isEmpty() ? "all " : ", ").append("except ").append(String.join(",", scope.excludeAccounts()));
        }
        return sb.toString();
    }

    /** A duration as a user writes it: 24h, 15m, 900s; ISO-8601 when it is not a whole number of one unit. */
    static String readable(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toDays() >= 2 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.equals(Duration.ofSeconds(d.toSeconds())) ? d.toSeconds() + "s" : d.toString();
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

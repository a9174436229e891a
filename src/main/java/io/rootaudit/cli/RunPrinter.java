package io.rootaudit.cli;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.application.AuditOutcome;
import io.rootaudit.application.NotifyOutcome;
import io.rootaudit.application.ExportOutcome;
import io.rootaudit.application.PublishOutcome;
import io.rootaudit.application.RunHistory;
import io.rootaudit.application.SafetySettings;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.organization.PrerequisiteCheck;
import io.rootaudit.compliance.ComplianceSummary;
import io.rootaudit.store.RunRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;
import java.time.Duration;
import java.util.Locale;

/** What the commands print for people: the safety settings, preflight checks and the run summary. */
final class RunPrinter {

    private RunPrinter() {}

    static void preflight(PrintWriter out, PreflightReport report) {
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
    static void safetySettings(PrintWriter out, SafetySettings settings) {
        RootAuditProperties.Remediation r = settings.remediation();
        out.println("Safety settings: remediation.mode=" + r.mode().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ", grace-period=" + readable(r.gracePeriod()) + ", max-accounts=" + r.maxAccounts()
                + ", retry-for=" + readable(r.retryFor()));
        out.println("  audit scope: " + scope(settings.auditScope()) + "; remediation scope: " + scope(r.scope()));
        out.println("  exceptions: " + (settings.exceptionsFile() == null
                ? "none" + (r.acknowledgeNoExceptionsFile() ? " (acknowledged: rootaudit.remediation.acknowledge-no-exceptions-file)" : "")
                : settings.exceptionEntries() + " entries from " + settings.exceptionsFile()));
    }

    private static String scope(RootAuditProperties.Scope scope) {
        if (scope.organizationalUnits().isEmpty() && scope.includeAccounts().isEmpty() && scope.excludeAccounts().isEmpty()
                && scope.includeTags().isEmpty() && scope.excludeTags().isEmpty()) {
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
        if (!scope.includeTags().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : ", ").append("tagged ").append(String.join(" or ", scope.includeTags()));
        }
        if (!scope.excludeTags().isEmpty()) {
            sb.append(sb.isEmpty() ? "all " : ", ").append("except tagged ").append(String.join(" or ", scope.excludeTags()));
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

    /** The summary of a completed run, then what remediation did. */
    static void completed(PrintWriter out, AuditOutcome outcome) {
        RunRecord run = outcome.run();
        long total = outcome.counts().values().stream().mapToLong(Long::longValue).sum();
        OptionalDouble rate = ComplianceSummary.rate(outcome.counts());
        out.printf(Locale.ROOT, "Run %s of organization %s for %s: %d accounts%n", run.runId(), run.organizationId(),
                run.period(), total);
        for (AccountStatus s : AccountStatus.values()) {
            out.printf(Locale.ROOT, "  %-15s %d%n", s, outcome.count(s));
        }
        out.println(rate.isEmpty() ? "  compliance rate: n/a (no account assessed)"
                : String.format(Locale.ROOT, "  compliance rate: %.1f%% ((COMPLIANT + EXCEPTED) / audited or errored)",
                        100.0 * rate.getAsDouble()));
        if (outcome.organizationFindings() > 0) {
            out.println("  organization-level findings: " + outcome.organizationFindings());
        }
        out.println("Results: " + outcome.folder().toAbsolutePath().normalize());
        AuditOutcome.Remediation remediation = outcome.remediation();
        if (remediation != null) {
            out.println("Remediation (" + remediation.mode() + "): " + remediation.decisions());
            if (remediation.limitExceeded() != null) {
                out.println("  " + remediation.limitExceeded());
            }
            remediation.failures().forEach(f -> out.println("  FAILED " + f));
        }
    }

    static void alreadyCompleted(PrintWriter out, AuditOutcome outcome) {
        RunRecord run = outcome.run();
        out.println("Period " + run.period() + " of organization " + run.organizationId() + " was already audited by run "
                + run.runId() + " (completed " + run.endedAt() + "). Use --rerun to start a new run.");
        out.println("Results: " + outcome.folder().toAbsolutePath().normalize());
    }

    /** What publishing did, when it did something: the location, or why it failed and how to retry. */
    static void published(PrintWriter out, PrintWriter err, PublishOutcome outcome) {
        switch (outcome.kind()) {
            case PUBLISHED -> out.println("Published and verified: " + outcome.location());
            case FAILED -> {
                err.println("rootaudit: publishing run " + outcome.runId() + " failed: " + outcome.message());
                err.println("The local evidence is complete in " + outcome.localFolder().toAbsolutePath().normalize()
                        + "; retry with: java -jar rootaudit.jar publish --run " + outcome.runId());
            }
            case NOT_CONFIGURED, ALREADY_PUBLISHED -> { }
        }
    }

    static void notified(PrintWriter out, PrintWriter err, NotifyOutcome outcome) {
        switch (outcome.kind()) {
            case SENT -> out.println("Events put on " + outcome.eventBus() + ": " + outcome.sent());
            case FAILED -> {
                String which = outcome.events() == 0 ? "the run's events"
                        : (outcome.events() - outcome.sent()) + " of " + outcome.events() + " events";
                err.println("rootaudit: " + which + " were not put on " + outcome.eventBus() + ":");
                outcome.failures().forEach(f -> err.println("  " + f));
                err.println("The evidence pack is complete; its results.json holds everything the events said.");
            }
            case NOT_CONFIGURED -> { }
        }
    }

    /** What the findings export did, when it did something: how many were imported, or what failed and how to retry. */
    static void exported(PrintWriter out, PrintWriter err, ExportOutcome outcome) {
        switch (outcome.kind()) {
            case EXPORTED -> out.println("Exported to Security Hub: " + outcome.imported() + " findings imported or updated");
            case FAILED -> {
                err.println("rootaudit: exporting run " + outcome.runId() + " to Security Hub failed: " + outcome.imported()
                        + " of " + outcome.findings() + " findings imported; failed:");
                outcome.failures().forEach(f -> err.println("  " + f));
                err.println("The evidence pack is intact; retry with: java -jar rootaudit.jar export --run " + outcome.runId());
            }
            case SUPERSEDED -> err.println("rootaudit: run " + outcome.runId() + " not exported: " + outcome.message());
            case NOT_CONFIGURED, ALREADY_EXPORTED -> { }
        }
    }

    static void history(PrintWriter out, List<RunHistory.Entry> runs) {
        String format = "%-22s %-14s %-7s %-9s %-20s %-20s %9s  %s%n";
        out.printf(Locale.ROOT, format, "RUN", "ORGANIZATION", "PERIOD", "STATUS", "STARTED", "ENDED", "RATE", "PUBLISHED");
        for (RunHistory.Entry e : runs) {
            RunRecord r = e.run();
            out.printf(Locale.ROOT, format, r.runId(), r.organizationId(), r.period(), r.status(), seconds(r.startedAt()),
                    seconds(r.endedAt()), e.complianceRate().isEmpty() ? "n/a"
                            : String.format(Locale.ROOT, "%.1f%%", e.complianceRate().getAsDouble() * 100),
                    r.publishedTo() == null ? "-" : r.publishedTo());
        }
    }

    private static String seconds(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

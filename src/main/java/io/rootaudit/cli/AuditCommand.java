package io.rootaudit.cli;

import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.job.AuditRuns;
import io.rootaudit.organization.Preflight;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.report.EvidencePack;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.OrganizationFindingStore;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import io.rootaudit.remediation.RemediationDecision;
import io.rootaudit.remediation.RemediationLog;
import io.rootaudit.report.S3Publisher;
import java.util.EnumMap;
import java.util.List;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/** {@code audit}: preflight, then start or resume the period's run, then report and choose the exit code. */
@Component
class AuditCommand {

    private final AuditRuns runs;
    private final Preflight preflight;
    private final RunStore store;
    private final AccountResultStore accountStore;
    private final EvidencePack reports;
    private final OrganizationFindingStore organizationFindings;
    private final S3Publisher publisher;
    private final RemediationLog remediationLog;
    private final io.rootaudit.job.RunLock runLock;
    private final Clock clock;
    private final RootAuditProperties properties;
    private final ExceptionRegister exceptions;
    private final PrintStream out = System.out;

    AuditCommand(AuditRuns runs, Preflight preflight, RunStore store, AccountResultStore accountStore, EvidencePack reports,
                 OrganizationFindingStore organizationFindings, S3Publisher publisher, RemediationLog remediationLog,
                 io.rootaudit.job.RunLock runLock, Clock clock, RootAuditProperties properties, ExceptionRegister exceptions) {
        this.properties = properties;
        this.exceptions = exceptions;
        this.runLock = runLock;
        this.publisher = publisher;
        this.remediationLog = remediationLog;
        this.clock = clock;
        this.runs = runs;
        this.preflight = preflight;
        this.store = store;
        this.accountStore = accountStore;
        this.reports = reports;
        this.organizationFindings = organizationFindings;
    }

    ExitCode run(boolean rerun) {
        RunPrinter.safetySettings(out, properties, exceptions);
        if (!rerun) {
            Optional<RunRecord> done = runs.completedRunKnownOffline();
            if (done.isPresent()) {
                return alreadyDone(done.get());
            }
        }
        PreflightReport report = preflight.run();
        RunPrinter.preflight(out, report);
        if (!report.passed()) {
            out.println("A prerequisite is missing: nothing was audited or written.");
            return ExitCode.PREREQUISITE_MISSING;
        }
        if (!rerun) {
            Optional<RunRecord> done = runs.completedRun(report.organization().id());
            if (done.isPresent()) {
                return alreadyDone(done.get());
            }
        }
        Optional<AutoCloseable> lock;
        try {
            lock = runLock.tryLock(report.organization().id(), runs.period());
        } catch (java.sql.SQLException e) {
            System.err.println("rootaudit: cannot take the run lock: " + e.getMessage());
            return ExitCode.FAILURE;
        }
        if (lock.isEmpty()) {
            System.err.println("rootaudit: another invocation is auditing organization " + report.organization().id()
                    + " for " + runs.period() + "; wait for it to finish. Nothing was changed by this one.");
            return ExitCode.ALREADY_RUNNING;
        }
        try (AutoCloseable held = lock.get()) {
            return runLocked(report);
        } catch (Exception e) {
            System.err.println("rootaudit: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }

    private ExitCode runLocked(PreflightReport report) {
        RunRecord run = runs.startOrResume(report);
        JobExecution execution;
        try {
            execution = runs.execute(run);
        } catch (Exception e) {
            System.err.println("rootaudit: run " + run.runId() + " could not start: " + e.getMessage());
            return ExitCode.FAILURE;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            System.err.println("rootaudit: run " + run.runId() + " did not complete (" + execution.getStatus() + "): "
                    + execution.getAllFailureExceptions().stream().map(Throwable::getMessage).toList());
            System.err.println("Run the same command again to resume it; accounts already audited are kept.");
            return ExitCode.FAILURE;
        }
        RunRecord completed = store.run(run.runId()).orElseThrow();
        ExitCode outcome = outcome(completed);
        ExitCode remediated = remediationOutcome(completed);
        ExitCode published = publishIfConfigured(completed);
        return published != ExitCode.OK ? published : remediated != ExitCode.OK ? remediated : outcome;
    }

    private ExitCode remediationOutcome(RunRecord run) {
        List<RemediationLog.Entry> entries = remediationLog.entries(run.runId());
        if (entries.isEmpty()) {
            return ExitCode.OK;
        }
        Map<RemediationDecision, Long> counts = new EnumMap<>(RemediationDecision.class);
        entries.forEach(e -> counts.merge(e.decision(), 1L, Long::sum));
        out.println("Remediation (" + entries.get(0).mode() + "): " + counts);
        entries.stream().filter(e -> e.decision() == RemediationDecision.SKIPPED_LIMIT_EXCEEDED).findFirst()
                .ifPresent(e -> out.println("  " + e.reason()));
        entries.stream().filter(e -> e.decision() == RemediationDecision.FAILED)
                .forEach(e -> out.println("  FAILED " + e.accountId() + ": " + e.reason()));
        return counts.containsKey(RemediationDecision.FAILED) ? ExitCode.REMEDIATION_FAILED : ExitCode.OK;
    }

    /** Publishing failure takes precedence over findings: the pack is not where the auditors expect it. */
    private ExitCode publishIfConfigured(RunRecord run) {
        if (!publisher.enabled() || run.publishedTo() != null) {
            return ExitCode.OK;
        }
        return PackCommands.publish(run, reports, publisher, store, clock, out);
    }

    private ExitCode alreadyDone(RunRecord run) {
        out.println("Period " + run.period() + " of organization " + run.organizationId() + " was already audited by run "
                + run.runId() + " (completed " + run.endedAt() + "). Use --rerun to start a new run.");
        out.println("Results: " + reports.folderOf(run).path().toAbsolutePath().normalize());
        // a run killed while publishing finishes publishing here
        return publishIfConfigured(run);
    }

    private ExitCode outcome(RunRecord run) {
        Map<AccountStatus, Long> counts = accountStore.countByStatus(run.runId());
        int organizationFindings = this.organizationFindings.findings(run.runId()).size();
        RunPrinter.summary(out, run, counts, reports.folderOf(run).path(), organizationFindings);
        if (counts.get(AccountStatus.ERROR) > 0) {
            return ExitCode.NOT_AUDITED;
        }
        if (counts.get(AccountStatus.NON_COMPLIANT) > 0 || organizationFindings > 0) {
            return ExitCode.NON_COMPLIANT;
        }
        return ExitCode.OK;
    }
}

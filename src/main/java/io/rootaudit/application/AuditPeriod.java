package io.rootaudit.application;

import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.compliance.OrganizationPosture;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.config.ToolVersion;
import io.rootaudit.job.AuditJobLauncher;
import io.rootaudit.organization.Preflight;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.remediation.RemediationDecision;
import io.rootaudit.remediation.RemediationLog;
import io.rootaudit.report.EvidencePack;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.OrganizationFindingStore;
import io.rootaudit.store.RunLock;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.RunStore;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code audit} of one period: one run per organization and period. A completed period is not audited again
 * unless a re-run is asked for; an unfinished run (failed, or killed at any point) is resumed. The run holds the
 * organization's period lock while its job runs, then its pack is published when a bucket is configured, its
 * findings are exported to Security Hub when the export is on, and its events are put on EventBridge when a bus is
 * configured.
 */
@Service
public class AuditPeriod {

    private static final Logger log = LoggerFactory.getLogger(AuditPeriod.class);

    private final Preflight preflight;
    private final RunStore store;
    private final AccountResultStore accounts;
    private final OrganizationFindingStore organizationFindings;
    private final RunLock runLock;
    private final AuditJobLauncher job;
    private final EvidencePack pack;
    private final PublishRun publishing;
    private final ExportFindings exporting;
    private final NotifyRun notifying;
    private final RemediationLog remediationLog;
    private final RuleCatalog catalog;
    private final ExceptionRegister exceptions;
    private final RootAuditProperties properties;
    private final ToolVersion version;
    private final JsonMapper json;
    private final Clock clock;

    AuditPeriod(Preflight preflight, RunStore store, AccountResultStore accounts, OrganizationFindingStore organizationFindings,
                RunLock runLock, AuditJobLauncher job, EvidencePack pack, PublishRun publishing, ExportFindings exporting,
                NotifyRun notifying, RemediationLog remediationLog, RuleCatalog catalog, ExceptionRegister exceptions,
                RootAuditProperties properties, ToolVersion version, JsonMapper json, Clock clock) {
        this.preflight = preflight;
        this.store = store;
        this.accounts = accounts;
        this.organizationFindings = organizationFindings;
        this.runLock = runLock;
        this.job = job;
        this.pack = pack;
        this.publishing = publishing;
        this.exporting = exporting;
        this.notifying = notifying;
        this.remediationLog = remediationLog;
        this.catalog = catalog;
        this.exceptions = exceptions;
        this.properties = properties;
        this.version = version;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param rerun start a new attempt even when the period was already completed
     * @param exitCode the documented exit code of an outcome, which the run-completed event carries
     */
    public AuditOutcome run(boolean rerun, AuditListener listener, ToIntFunction<AuditOutcome> exitCode) {
        listener.safetySettings(SafetySettings.of(properties, exceptions));
        if (!rerun) {
            Optional<RunRecord> done = completedRunKnownOffline();
            if (done.isPresent()) {
                return alreadyCompleted(done.get(), null);
            }
        }
        PreflightReport report = preflight.run();
        listener.preflight(report);
        if (!report.passed()) {
            return outcome(AuditOutcome.Kind.PREREQUISITE_MISSING, report, null, null);
        }
        if (!rerun) {
            Optional<RunRecord> done = store.latestRun(report.organization().id(), period()).filter(RunRecord::completed);
            if (done.isPresent()) {
                return alreadyCompleted(done.get(), report);
            }
        }
        Optional<AutoCloseable> lock;
        try {
            lock = runLock.tryLock(report.organization().id(), period());
        } catch (java.sql.SQLException e) {
            return outcome(AuditOutcome.Kind.FAILED, report, null, "cannot take the run lock: " + e.getMessage());
        }
        if (lock.isEmpty()) {
            return outcome(AuditOutcome.Kind.ALREADY_RUNNING, report, null, "another invocation is auditing organization "
                    + report.organization().id() + " for " + period() + "; wait for it to finish. Nothing was changed by this one.");
        }
        try (AutoCloseable held = lock.get()) {
            return runLocked(report, listener, exitCode);
        } catch (Exception e) {
            return outcome(AuditOutcome.Kind.FAILED, report, null, String.valueOf(e.getMessage()));
        }
    }

    /** A failure's message followed by its causes' (a chunk's failure wraps what failed in it). */
    private static String withCauses(Throwable failure) {
        StringBuilder message = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable c = failure.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
                message.append(": ").append(c.getMessage());
            }
        }
        return message.toString();
    }

    /** The audited period: {@code rootaudit.period}, else the current UTC month. */
    public String period() {
        return properties.effectivePeriod().toString();
    }

    private AuditOutcome runLocked(PreflightReport report, AuditListener listener, ToIntFunction<AuditOutcome> exitCode) {
        boolean resumed = store.latestRun(report.organization().id(), period()).filter(r -> !r.completed()).isPresent();
        RunRecord run = startOrResume(report);
        listener.runStarted(run, resumed);
        JobExecution execution;
        try {
            AuditJobLauncher.Result result = job.execute(run);
            if (result.recoveredInterruption()) {
                listener.interruptedRunRecovered(run);
            }
            execution = result.execution();
        } catch (Exception e) {
            return outcome(AuditOutcome.Kind.FAILED, report, run, "run " + run.runId() + " could not start: " + e.getMessage());
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return outcome(AuditOutcome.Kind.FAILED, report, run, "run " + run.runId() + " did not complete ("
                    + execution.getStatus() + "): " + execution.getAllFailureExceptions().stream().map(AuditPeriod::withCauses).toList());
        }
        RunRecord completed = store.run(run.runId()).orElseThrow();
        AuditOutcome audited = new AuditOutcome(AuditOutcome.Kind.COMPLETED, report, completed,
                pack.folderOf(completed).path(), accounts.countByStatus(completed.runId()),
                organizationFindings.findings(completed.runId()).size(), remediation(completed),
                publishing.publish(completed, false), exporting.export(completed, false), null);
        return audited.withNotify(notifying.notify(audited, exitCode.applyAsInt(audited)));
    }

    /**
     * A completed period: nothing is audited; a pack whose upload failed (or was killed) is published now, and findings
     * whose export failed are exported now.
     */
    private AuditOutcome alreadyCompleted(RunRecord run, PreflightReport report) {
        return new AuditOutcome(AuditOutcome.Kind.ALREADY_COMPLETED, report, run, pack.folderOf(run).path(), Map.of(), 0,
                null, publishing.publish(run, false), exporting.export(run, false), null);
    }

    private AuditOutcome outcome(AuditOutcome.Kind kind, PreflightReport report, RunRecord run, String failure) {
        return new AuditOutcome(kind, report, run, run == null ? null : pack.folderOf(run).path(), Map.of(), 0, null,
                null, null, failure);
    }

    /**
     * The completed run of this period, found without any AWS call: possible when the store holds runs of a
     * single organization for the period (the usual case: one store per organization).
     */
    private Optional<RunRecord> completedRunKnownOffline() {
        List<RunRecord> runs = store.runsOfPeriod(period());
        if (runs.isEmpty() || runs.stream().map(RunRecord::organizationId).distinct().count() != 1) {
            return Optional.empty();
        }
        RunRecord latest = runs.get(0);
        return latest.completed() ? Optional.of(latest) : Optional.empty();
    }

    /**
     * The unfinished run of the organization for this period, or a new one (a new attempt after a completed run), with
     * the organization findings of this preflight recorded for it: the reports read them back, never derive them again.
     */
    private RunRecord startOrResume(PreflightReport report) {
        RunRecord run = startOrResumeRun(report);
        organizationFindings.save(run.runId(), catalog.evaluate(new OrganizationPosture(
                report.rootCredentialsManagementEnabled(), report.rootSessionsEnabled())));
        return run;
    }

    private RunRecord startOrResumeRun(PreflightReport report) {
        String org = report.organization().id();
        String preflightJson = json.writeValueAsString(report);
        String exceptionsJson = json.writeValueAsString(exceptions.entries());
        Optional<RunRecord> latest = store.latestRun(org, period());
        if (latest.isPresent() && !latest.get().completed()) {
            store.updatePreflight(latest.get().runId(), report.callerArn(), preflightJson, exceptionsJson);
            log.debug("Resuming run {} of {} for {}", latest.get().runId(), org, period());
            return store.run(latest.get().runId()).orElseThrow();
        }
        int attempt = latest.map(r -> r.attempt() + 1).orElse(1);
        String runId = period() + "-" + attempt + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        RunRecord run = new RunRecord(runId, org, period(), attempt, RunRecord.Status.RUNNING, clock.instant(), null,
                report.callerArn(), report.organization().managementAccountId(), version.get(),
                json.writeValueAsString(properties), preflightJson, exceptionsJson, null, null);
        store.createRun(run);
        log.debug("Started run {} of {} for {}", runId, org, period());
        return run;
    }

    private AuditOutcome.Remediation remediation(RunRecord run) {
        List<RemediationLog.Entry> entries = remediationLog.entries(run.runId());
        if (entries.isEmpty()) {
            return null;
        }
        Map<RemediationDecision, Long> counts = new EnumMap<>(RemediationDecision.class);
        entries.forEach(e -> counts.merge(e.decision(), 1L, Long::sum));
        String limit = entries.stream().filter(e -> e.decision() == RemediationDecision.SKIPPED_LIMIT_EXCEEDED)
                .map(RemediationLog.Entry::reason).findFirst().orElse(null);
        List<String> failures = entries.stream().filter(e -> e.decision() == RemediationDecision.FAILED)
                .map(e -> e.accountId() + ": " + e.reason()).toList();
        return new AuditOutcome.Remediation(entries.get(0).mode(), counts, limit, failures);
    }
}

package io.rootaudit.job;

import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.compliance.OrganizationPosture;
import io.rootaudit.compliance.RuleCatalog;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.config.ToolVersion;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.store.RunRecord;
import io.rootaudit.store.OrganizationFindingStore;
import io.rootaudit.store.RunStore;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides which run an {@code audit} invocation works on and drives the job for it. One run per
 * organization and period: a completed period is not audited again unless a re-run is asked for, and an
 * unfinished run (failed, or killed at any point) is resumed by starting the same command again.
 */
@Component
public class AuditRuns {

    private static final Logger log = LoggerFactory.getLogger(AuditRuns.class);

    private final RunStore store;
    private final OrganizationFindingStore organizationFindings;
    private final RuleCatalog catalog;
    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final JsonMapper json;
    private final RootAuditProperties properties;
    private final ToolVersion version;
    private final ExceptionRegister exceptions;
    private final Clock clock;

    AuditRuns(RunStore store, OrganizationFindingStore organizationFindings, RuleCatalog catalog, JobOperator operator,
              JobRepository repository, Job rootAuditJob, JsonMapper json, RootAuditProperties properties,
              ToolVersion version, ExceptionRegister exceptions, Clock clock) {
        this.store = store;
        this.organizationFindings = organizationFindings;
        this.catalog = catalog;
        this.operator = operator;
        this.repository = repository;
        this.job = rootAuditJob;
        this.json = json;
        this.properties = properties;
        this.version = version;
        this.exceptions = exceptions;
        this.clock = clock;
    }

    public String period() {
        return properties.effectivePeriod().toString();
    }

    /**
     * The completed run of this period, found without any AWS call: possible when the store holds runs of a
     * single organization for the period (the usual case: one store per organization).
     */
    public Optional<RunRecord> completedRunKnownOffline() {
        List<RunRecord> runs = store.runsOfPeriod(period());
        if (runs.isEmpty() || runs.stream().map(RunRecord::organizationId).distinct().count() != 1) {
            return Optional.empty();
        }
        RunRecord latest = runs.get(0);
        return latest.completed() ? Optional.of(latest) : Optional.empty();
    }

    /** The completed latest run of the organization for this period, if any. */
    public Optional<RunRecord> completedRun(String organizationId) {
        return store.latestRun(organizationId, period()).filter(RunRecord::completed);
    }

    /**
     * The unfinished run of the organization for this period, or a new one (a new attempt after a completed run), with
     * the organization findings of this preflight recorded for it.
     */
    public RunRecord startOrResume(PreflightReport preflight) {
        RunRecord run = startOrResumeRun(preflight);
        organizationFindings.save(run.runId(), catalog.evaluate(new OrganizationPosture(
                preflight.rootCredentialsManagementEnabled(), preflight.rootSessionsEnabled())));
        return run;
    }

    private RunRecord startOrResumeRun(PreflightReport preflight) {
        String org = preflight.organization().id();
        String preflightJson = json.writeValueAsString(preflight);
        String exceptionsJson = json.writeValueAsString(exceptions.entries());
        Optional<RunRecord> latest = store.latestRun(org, period());
        if (latest.isPresent() && !latest.get().completed()) {
            store.updatePreflight(latest.get().runId(), preflight.callerArn(), preflightJson, exceptionsJson);
            log.info("Resuming run {} of {} for {}", latest.get().runId(), org, period());
            return store.run(latest.get().runId()).orElseThrow();
        }
        int attempt = latest.map(r -> r.attempt() + 1).orElse(1);
        String runId = period() + "-" + attempt + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        RunRecord run = new RunRecord(runId, org, period(), attempt, RunRecord.Status.RUNNING, clock.instant(), null,
                preflight.callerArn(), preflight.organization().managementAccountId(), version.get(),
                json.writeValueAsString(properties), preflightJson, exceptionsJson, null, null);
        store.createRun(run);
        log.info("Started run {} of {} for {}", runId, org, period());
        return run;
    }

    /**
     * Runs (or restarts) the job of {@code run} to its end. An execution left "running" by a killed process
     * is marked failed first: reaching this point means no other process holds the run (the embedded
     * database admits one process at a time).
     */
    public JobExecution execute(RunRecord run) throws Exception {
        JobParameters parameters = new JobParametersBuilder()
                .addString(AuditJobConfiguration.RUN_ID, run.runId()).toJobParameters();
        JobExecution last = repository.getLastJobExecution(AuditJobConfiguration.JOB_NAME, parameters);
        if (last != null && last.getStatus().isRunning()) {
            log.warn("Run {} was interrupted (execution {} left {}); recovering it", run.runId(), last.getId(),
                    last.getStatus());
            operator.recover(last);
        }
        return operator.start(job, parameters);
    }
}

package io.rootaudit.job;

import io.rootaudit.store.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Runs the audit job of one stored run to its end: the one entry into Spring Batch. A run's job instance is keyed by
 * its run id, so starting it again restarts the same instance where it stopped.
 */
@Component
public class AuditJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(AuditJobLauncher.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;

    AuditJobLauncher(JobOperator operator, JobRepository repository, Job rootAuditJob) {
        this.operator = operator;
        this.repository = repository;
        this.job = rootAuditJob;
    }

    /**
     * Runs (or restarts) the job of {@code run}. An execution left "running" by a killed process is marked failed
     * first: reaching this point means no other process holds the run (the caller holds the run lock).
     *
     * @return whether an interrupted execution was recovered, and the final execution
     */
    public Result execute(RunRecord run) throws Exception {
        JobParameters parameters = new JobParametersBuilder()
                .addString(AuditJobConfiguration.RUN_ID, run.runId()).toJobParameters();
        JobExecution last = repository.getLastJobExecution(AuditJobConfiguration.JOB_NAME, parameters);
        boolean recovered = false;
        if (last != null && last.getStatus().isRunning()) {
            log.warn("Run {} was interrupted (execution {} left {}); recovering it", run.runId(), last.getId(),
                    last.getStatus());
            operator.recover(last);
            recovered = true;
        }
        return new Result(recovered, operator.start(job, parameters));
    }

    /** @param recoveredInterruption an execution left running by a killed process was marked failed first */
    public record Result(boolean recoveredInterruption, JobExecution execution) {}
}

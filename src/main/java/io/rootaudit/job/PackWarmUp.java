package io.rootaudit.job;

import io.rootaudit.report.EvidencePack;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Loads the evidence renderers while the run is audited, so that the pack at its end does not pay for it
 * ({@link EvidencePack#warmUp}).
 */
class PackWarmUp implements JobExecutionListener {

    private final EvidencePack pack;

    PackWarmUp(EvidencePack pack) {
        this.pack = pack;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        pack.warmUp(execution.getJobParameters().getString(AuditJobConfiguration.RUN_ID));
    }
}

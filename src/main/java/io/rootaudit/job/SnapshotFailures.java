package io.rootaudit.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Tells the audit, which reads accounts while the snapshot step beside it is still listing them, that the snapshot of
 * its job execution ended without completing: no more accounts will come, and waiting for them would never end.
 */
@Component
class SnapshotFailures implements StepExecutionListener {

    private final Set<Long> failedJobExecutions = ConcurrentHashMap.newKeySet();

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
            failedJobExecutions.add(stepExecution.getJobExecutionId());
        }
        return null;
    }

    boolean failed(long jobExecutionId) {
        return failedJobExecutions.contains(jobExecutionId);
    }
}

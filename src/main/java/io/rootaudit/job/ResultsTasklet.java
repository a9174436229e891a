package io.rootaudit.job;

import io.rootaudit.report.EvidencePack;
import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.RunStore;
import java.time.Clock;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Writes the run's evidence pack from the store, then marks the run completed (the last thing a run does). */
class ResultsTasklet implements Tasklet {

    private final String runId;
    private final RunStore runs;
    private final AccountResultStore accounts;
    private final EvidencePack reports;
    private final Clock clock;

    ResultsTasklet(String runId, RunStore runs, AccountResultStore accounts, EvidencePack reports, Clock clock) {
        this.runId = runId;
        this.runs = runs;
        this.accounts = accounts;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long pending = accounts.countPending(runId);
        if (pending > 0) {
            throw new IllegalStateException(pending + " accounts of run " + runId + " have no verdict");
        }
        var endedAt = clock.instant();
        reports.write(runs.run(runId).orElseThrow(), endedAt);
        runs.markCompleted(runId, endedAt);
        return RepeatStatus.FINISHED;
    }
}

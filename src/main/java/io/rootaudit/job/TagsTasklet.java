package io.rootaudit.job;

import io.rootaudit.organization.OrganizationDirectory;
import io.rootaudit.store.AccountResultStore;
import java.time.Duration;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The tags step, beside the audit: reads the tags of the snapshot's accounts still without them, one committed
 * batch per call (see {@link TagReads}), so a killed run reads only the rest. Nothing to read, nothing done.
 */
class TagsTasklet implements Tasklet {

    private final String runId;
    private final AccountResultStore accounts;
    private final OrganizationDirectory directory;
    private AccountTagReader reader;

    TagsTasklet(String runId, AccountResultStore accounts, OrganizationDirectory directory) {
        this.runId = runId;
        this.accounts = accounts;
        this.directory = directory;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws Exception {
        if (reader == null) {
            reader = new AccountTagReader(accounts, directory, Duration.ofSeconds(5));
        }
        try {
            boolean more = reader.readNextBatch(runId);
            if (!more) {
                reader = null;
            }
            return RepeatStatus.continueIf(more);
        } catch (RuntimeException | InterruptedException e) {
            reader.close();
            reader = null;
            throw e;
        }
    }
}

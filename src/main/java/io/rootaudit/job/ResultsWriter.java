package io.rootaudit.job;

import io.rootaudit.store.AccountResult;
import io.rootaudit.store.AccountResultStore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Stores a chunk of verdicts in the chunk's transaction; a replayed chunk overwrites, never duplicates. */
class ResultsWriter implements ItemWriter<AccountResult> {

    private final String runId;
    private final AccountResultStore store;

    ResultsWriter(String runId, AccountResultStore store) {
        this.runId = runId;
        this.store = store;
    }

    @Override
    public void write(Chunk<? extends AccountResult> chunk) {
        store.saveResults(runId, java.util.List.copyOf(chunk.getItems()));
    }
}

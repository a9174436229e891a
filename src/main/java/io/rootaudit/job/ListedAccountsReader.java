package io.rootaudit.job;

import io.rootaudit.store.AccountResultStore;
import io.rootaudit.store.AccountResultStore.Listed;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * The audit's reader: the run's accounts still without a verdict, in the order the snapshot step listed them, read
 * while that step, running beside the audit, is still adding pages. Having read everything stored, it waits for the
 * next page; it ends once the snapshot is complete, and fails when the snapshot failed, so that the audit step is run
 * again on restart and audits what the repeated listing adds. It keeps no position across restarts on purpose: a
 * restart reads every account still without a verdict, and only those.
 */
class ListedAccountsReader implements ItemReader<String> {

    static final int PAGE = 500;

    private final String runId;
    private final long jobExecutionId;
    private final AccountResultStore store;
    private final SnapshotFailures snapshotFailures;
    private final Duration poll;
    private final Deque<String> buffer = new ArrayDeque<>();
    private Listed position = Listed.START;

    ListedAccountsReader(String runId, long jobExecutionId, AccountResultStore store, SnapshotFailures snapshotFailures,
                         Duration poll) {
        this.runId = runId;
        this.jobExecutionId = jobExecutionId;
        this.store = store;
        this.snapshotFailures = snapshotFailures;
        this.poll = poll;
    }

    @Override
    public String read() throws InterruptedException {
        while (buffer.isEmpty()) {
            boolean complete = store.snapshotComplete(runId); // asked first: a page stored before it is read below
            List<Listed> page = store.pendingAfter(runId, position, PAGE);
            if (!page.isEmpty()) {
                page.forEach(l -> buffer.add(l.accountId()));
                position = page.get(page.size() - 1);
            } else if (complete) {
                return null;
            } else if (snapshotFailures.failed(jobExecutionId)) {
                throw new IllegalStateException("the account snapshot of run " + runId + " failed, so the audit stops"
                        + " with it; the next invocation lists the organization on and audits every account still"
                        + " without a verdict");
            } else {
                Thread.sleep(poll.toMillis());
            }
        }
        return buffer.poll();
    }
}

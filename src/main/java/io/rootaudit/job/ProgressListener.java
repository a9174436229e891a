package io.rootaudit.job;

import io.rootaudit.store.AccountResult;
import io.rootaudit.store.AccountResultStore;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs how far the audit got (done / total, rate, ETA) at most every few seconds, and a summary line at
 * the end, so an operator tailing a cron log of a 10,000-account run knows it is alive and when it ends. While the
 * organization is still being listed, the total is what is listed so far, and the line says so.
 */
class ProgressListener implements ItemWriteListener<AccountResult>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final String runId;
    private final AccountResultStore store;
    private final long intervalNanos;
    private long alreadyDone;
    private boolean listed;
    private long startNanos;
    private long lastLogNanos;

    ProgressListener(String runId, AccountResultStore store, Duration interval) {
        this.runId = runId;
        this.store = store;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        listed = store.snapshotComplete(runId);
        long total = store.countAccounts(runId);
        alreadyDone = total - store.countPending(runId);
        startNanos = System.nanoTime();
        lastLogNanos = startNanos;
        if (listed) {
            log.info("Auditing run {}: {} accounts in scope, {} already settled", runId, total, alreadyDone);
        } else {
            log.info("Auditing run {} as the organization is listed: {} accounts listed so far, {} already settled",
                    runId, total, alreadyDone);
        }
    }

    /** After each chunk's verdicts are stored (chunk listeners are not called when items are processed concurrently). */
    @Override
    public void afterWrite(Chunk<? extends AccountResult> items) {
        long now = System.nanoTime();
        if (now - lastLogNanos >= intervalNanos) {
            lastLogNanos = now;
            log.info(line("Progress"));
        } else if (TERMINAL && now - lastBarNanos >= BAR_INTERVAL_NANOS) {
            lastBarNanos = now;
            String line = line("Auditing");
            System.err.print("\r" + bar() + " " + line + "   ");
            System.err.flush();
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (TERMINAL && lastBarNanos > 0) {
            System.err.println();
        }
        log.info(line("Audit step " + stepExecution.getStatus().name().toLowerCase(Locale.ROOT)));
        return stepExecution.getExitStatus();
    }

    /** On an interactive terminal a live bar on stderr between the log lines; never in cron logs or CI. */
    private static final boolean TERMINAL = System.console() != null;
    private static final long BAR_INTERVAL_NANOS = 500_000_000L;
    private long lastBarNanos;

    private String bar() {
        long total = store.countAccounts(runId);
        long done = total - store.countPending(runId);
        int filled = total == 0 ? 30 : (int) (30 * done / total);
        return "[" + "#".repeat(filled) + ".".repeat(30 - filled) + "]";
    }

    /** Counted in the store (indexed counts per log line), which stays right across restarts. */
    private String line(String prefix) {
        listed = listed || store.snapshotComplete(runId);
        long total = store.countAccounts(runId);
        long done = total - store.countPending(runId);
        String line = ProgressLine.format(prefix, done, total, done - alreadyDone, System.nanoTime() - startNanos);
        return listed ? line : line + " (organization still being listed)";
    }
}

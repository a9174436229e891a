package io.rootaudit.job;

import io.rootaudit.organization.OrganizationDirectory;
import io.rootaudit.store.AccountResultStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tags of the snapshot's accounts that have none stored yet, one batch per call. Organizations allows
 * about ten ListTagsForResource calls a second, so a 10,000-account organization takes over a quarter of an hour
 * here: each batch is committed on its own (a killed run goes on where it stopped) and progress is logged.
 */
class AccountTagReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccountTagReader.class);
    private static final int READERS = 8;
    static final int BATCH = 100;

    private final AccountResultStore store;
    private final OrganizationDirectory directory;
    private final long intervalNanos;
    private ExecutorService pool;
    private List<String> pending;
    private int total;
    private int done;
    private long start;
    private long lastLog;

    AccountTagReader(AccountResultStore store, OrganizationDirectory directory, Duration progressInterval) {
        this.store = store;
        this.directory = directory;
        this.intervalNanos = progressInterval.toNanos();
    }

    /** Reads and stores the tags of up to {@value #BATCH} accounts; true while more are missing. */
    boolean readNextBatch(String runId) throws InterruptedException {
        if (pending == null) { // read once per step execution; a restart asks the store again
            pending = store.accountsWithoutTags(runId);
            total = pending.size();
            start = System.nanoTime();
            lastLog = start;
            if (total > 0) {
                log.info("Reading the tags of {} accounts (one Organizations request each)", total);
            }
        }
        if (done == total) {
            close();
            return false;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(READERS);
        }
        List<String> batch = pending.subList(done, Math.min(done + BATCH, total));
        List<Future<Map<String, String>>> futures = new ArrayList<>(batch.size());
        for (String id : batch) {
            futures.add(pool.submit(() -> directory.tags(id)));
        }
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            tags.put(batch.get(i), get(futures.get(i)));
        }
        store.saveTags(runId, tags);
        done += batch.size();
        long now = System.nanoTime();
        boolean more = done < total;
        if (now - lastLog >= intervalNanos || !more) {
            lastLog = now;
            log.info(progress(now));
        }
        if (!more) {
            close();
        }
        return more;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    private static Map<String, String> get(Future<Map<String, String>> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private String progress(long now) {
        return ProgressLine.format("Tags", done, total, done, now - start);
    }
}

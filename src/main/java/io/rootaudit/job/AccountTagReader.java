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
 * Reads account tags, one ListTagsForResource per account on the Organizations rate limit (8/s by default: a
 * 10,000-account organization takes about 21 minutes). Tags are read only when something needs them (see
 * {@link TagReads}): those that decide the scope all at once before the snapshot is stored ({@link #readAll}), those
 * that only label accounts in batches alongside the audit ({@link #readNextBatch}), each batch committed on its own so
 * that a killed run goes on where it stopped. Progress is logged either way.
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

    /** The tags of every account given (account id to tags), for a scope that selects accounts by tag. */
    Map<String, Map<String, String>> readAll(List<String> accountIds, String why) throws InterruptedException {
        begin(accountIds, why);
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        try {
            while (done < total) {
                tags.putAll(readBatch());
            }
        } finally {
            close();
        }
        return tags;
    }

    /** Reads and stores the tags of up to {@value #BATCH} accounts still without them; true while more are missing. */
    boolean readNextBatch(String runId) throws InterruptedException {
        if (pending == null) { // read once per step execution; a restart asks the store again
            begin(store.accountsWithoutTags(runId), "for the owner and tag columns, alongside the audit");
        }
        if (done == total) {
            close();
            return false;
        }
        store.saveTags(runId, readBatch());
        boolean more = done < total;
        if (!more) {
            close();
        }
        return more;
    }

    private void begin(List<String> accountIds, String why) {
        pending = List.copyOf(accountIds);
        total = pending.size();
        done = 0;
        start = System.nanoTime();
        lastLog = start;
        if (total > 0) {
            log.info("Reading the tags of {} accounts {} (one Organizations request each)", total, why);
        }
    }

    private Map<String, Map<String, String>> readBatch() throws InterruptedException {
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
        done += batch.size();
        long now = System.nanoTime();
        if (now - lastLog >= intervalNanos || done == total) {
            lastLog = now;
            log.info(ProgressLine.format("Tags", done, total, done, now - start));
        }
        return tags;
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
}

package io.rootaudit.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * PutEvents' limits: at most {@value #MAX_ENTRIES} entries and {@value #MAX_BYTES} bytes per call, an entry's size
 * counted as AWS counts it ("Calculating PutEvents event entry size" in the EventBridge user guide): the UTF-8 bytes
 * of its source, detail-type, detail and resources, plus 14 bytes when it has a time. The bus name is not counted.
 */
final class EventBatches {

    static final int MAX_ENTRIES = 10;
    static final int MAX_BYTES = 256 * 1024;
    private static final int TIME_BYTES = 14;

    private EventBatches() {}

    /** The size AWS counts for one entry against the 256 KB of a call. */
    static int size(PutEventsRequestEntry entry) {
        int size = entry.time() == null ? 0 : TIME_BYTES;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        for (String resource : entry.resources()) {
            size += utf8(resource);
        }
        return size;
    }

    /**
     * The items in order, cut into calls that respect both limits (a new call starts when the next item would break
     * either). Every item must fit in a call on its own: the caller leaves out those that do not.
     */
    static <T> List<List<T>> of(List<T> items, ToIntFunction<T> size) {
        List<List<T>> batches = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        int bytes = 0;
        for (T item : items) {
            int n = size.applyAsInt(item);
            if (n > MAX_BYTES) {
                throw new IllegalArgumentException("an entry of " + n + " bytes cannot be put: the limit is " + MAX_BYTES);
            }
            if (batch.size() == MAX_ENTRIES || bytes + n > MAX_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(item);
            bytes += n;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}

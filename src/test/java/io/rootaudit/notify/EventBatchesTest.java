package io.rootaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventBatchesTest {

    @Test
    void entrySizeIsCountedAsAwsCountsIt() {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("io.rootaudit").detailType("Tést")
                .detail("{\"a\":\"€\"}").resources("arn:x").eventBusName("not-counted").build();
        // 12 + 5 (é is 2 bytes) + 11 (€ is 3 bytes) + 5
        assertThat(EventBatches.size(entry)).isEqualTo(33);
        assertThat(EventBatches.size(entry.toBuilder().time(Instant.EPOCH).build())).isEqualTo(33 + 14);
    }

    @Test
    void atMostTenEntriesPerCall() {
        List<Integer> items = IntStream.range(0, 23).boxed().toList();

        List<List<Integer>> batches = EventBatches.of(items, i -> 100);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items);
    }

    @Test
    void atMost256KilobytesPerCall() {
        int third = EventBatches.MAX_BYTES / 3; // 87,381: three of them and one byte make exactly 256 KB
        List<Integer> sizes = List.of(third, third, third, 1, 1, EventBatches.MAX_BYTES, 1);

        List<List<Integer>> batches = EventBatches.of(sizes, Integer::intValue);

        // exactly the limit fits; one byte more starts a new call
        assertThat(batches).containsExactly(List.of(third, third, third, 1), List.of(1), List.of(EventBatches.MAX_BYTES),
                List.of(1));
        assertThat(batches).allSatisfy(b -> assertThat(b.stream().mapToInt(Integer::intValue).sum())
                .isLessThanOrEqualTo(EventBatches.MAX_BYTES));
    }

    @Test
    void anEntryOverTheLimitCannotBeBatched() {
        assertThatThrownBy(() -> EventBatches.of(List.of(EventBatches.MAX_BYTES + 1), Integer::intValue))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventBatches.of(Collections.<Integer>emptyList(), Integer::intValue)).isEmpty();
    }
}

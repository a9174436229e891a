package io.rootaudit.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap use over a stretch of work, from the JVM's memory pools: reset, do the work, read. The sum of the
 * pools' peaks bounds the true peak from above, which is the safe side for a memory budget.
 */
public final class HeapPeak {

    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();

    private HeapPeak() {}

    public static void reset() {
        HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    public static long bytes() {
        return HEAP.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}

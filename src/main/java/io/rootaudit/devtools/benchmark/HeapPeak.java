package io.rootaudit.devtools.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap use over a stretch of work, from the JVM's memory pools: reset, do the work, read. The sum of the
 * pools' peaks bounds the true peak from above, which is the safe side for a memory budget.
 *
 * <p>The pools have one peak each, so measuring a step resets it; the high-water mark keeps the largest peak
 * across such resets, for a measurement around a whole job whose steps measure themselves.
 */
final class HeapPeak {

    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    private static final AtomicLong HIGH_WATER = new AtomicLong();

    /** Heap per step of an evidence pack's rendering. */
    static final io.rootaudit.report.EvidencePack.StepMeter METER = new io.rootaudit.report.EvidencePack.StepMeter() {
        @Override
        public void start() {
            reset();
        }

        @Override
        public long peakBytes() {
            return bytes();
        }
    };

    private HeapPeak() {}

    /** Starts measuring a step; the peak so far still counts for {@link #highWater()}. */
    public static void reset() {
        HIGH_WATER.accumulateAndGet(bytes(), Math::max);
        HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Peak since the last {@link #reset()}. */
    public static long bytes() {
        return HEAP.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Starts measuring a whole job: forgets every earlier peak. */
    public static void resetHighWater() {
        HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
        HIGH_WATER.set(0);
    }

    /** Largest peak since {@link #resetHighWater()}, across the step resets in between. */
    public static long highWater() {
        return Math.max(HIGH_WATER.get(), bytes());
    }
}

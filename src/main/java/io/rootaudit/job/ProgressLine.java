package io.rootaudit.job;

import java.time.Duration;
import java.util.Locale;

/** The one format of the job's progress lines, so that a log reader (or a grep) sees the same shape everywhere. */
final class ProgressLine {

    private ProgressLine() {}

    /**
     * For example {@code Tags: 2400/10000 accounts (24%), 8.0 accounts/s, ETA 15m50s}.
     *
     * @param doneNow how many of {@code done} this process did, in {@code elapsedNanos} (the rate and ETA are theirs)
     */
    static String format(String prefix, long done, long total, long doneNow, long elapsedNanos) {
        double rate = doneNow / Math.max(elapsedNanos / 1e9, 0.001);
        long left = Math.max(total - done, 0);
        String eta = rate > 0 ? Duration.ofSeconds((long) (left / rate)).toString().substring(2).toLowerCase(Locale.ROOT) : "?";
        return String.format(Locale.ROOT, "%s: %d/%d accounts (%.0f%%), %.1f accounts/s, ETA %s",
                prefix, done, total, total == 0 ? 100.0 : 100.0 * done / total, rate, eta);
    }
}

package io.rootaudit.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a rule may know besides the inventory. Time comes in here, never from a clock, so that a run
 * evaluates every account against the same instant and tests are reproducible.
 *
 * @param now the instant the run treats as the present
 * @param recentUseWindow how far back a root credential use counts as recent
 */
public record RuleContext(Instant now, Duration recentUseWindow) {

    /** CIS 1.7 gives no number; 90 days matches the usual credential-rotation period. */
    public static final Duration DEFAULT_RECENT_USE_WINDOW = Duration.ofDays(90);

    public RuleContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(recentUseWindow, "recentUseWindow");
        if (recentUseWindow.isNegative()) {
            throw new IllegalArgumentException("recentUseWindow must not be negative: " + recentUseWindow);
        }
    }

    /** A context with the default recent-use window. */
    public static RuleContext at(Instant now) {
        return new RuleContext(now, DEFAULT_RECENT_USE_WINDOW);
    }

    /** True when {@code instant} lies within the window before {@code now}; the window edge counts as recent. */
    public boolean isRecent(Instant instant) {
        return instant != null && !instant.isBefore(now.minus(recentUseWindow));
    }
}

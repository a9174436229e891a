package io.rootaudit.aws;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The client-side request rate of one API family (STS, IAM, Organizations, …), shared by every thread and
 * every request of that family, so that a 10,000-account run asks AWS for no more than the configured rate
 * however many accounts are audited at once.
 *
 * <p>It is a token bucket with one second of burst. When adaptive, the rate backs off whenever AWS answers
 * with throttling (to {@value #BACKOFF} of itself, at most once per second, never below {@value #FLOOR} of the
 * configured rate) and climbs back by {@value #RECOVERY_PER_SECOND} of the configured rate for every
 * second without throttling. Throttling is therefore answered twice: the request itself is retried with
 * backoff, and the whole family slows down instead of every thread hammering the same quota.
 *
 * <p>Callers do not block here: {@link #reserve()} returns how long to wait, and the SDK sleeps before the
 * attempt (see {@link RateLimitedRetryStrategy}). Time comes from the given clock, so it is tested without
 * sleeping.
 */
final class AdaptiveRateLimiter {

    /** Multiplicative decrease on throttling; the AWS SDKs' adaptive retry mode uses the same factor. */
    static final double BACKOFF = 0.7;
    /** Lowest rate, as a fraction of the configured one: sustained throttling slows a run, it never stalls it. */
    static final double FLOOR = 0.25;
    /** Additive increase per throttle-free second, as a fraction of the configured rate (floor to full in 15 s). */
    static final double RECOVERY_PER_SECOND = 0.05;

    private static final long SECOND = 1_000_000_000L;

    private final ApiFamily family;
    private final double limit;
    private final boolean adaptive;
    private final LongSupplier nanoClock;

    private double rate;
    private double lowest;
    private long nextFree;
    private long lastThrottle;
    private long lastDecrease;
    private long lastRecovery;
    private long requests;
    private long throttled;
    private long waitedNanos;

    AdaptiveRateLimiter(ApiFamily family, double requestsPerSecond, boolean adaptive, LongSupplier nanoClock) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("rate limit of " + family + " must be positive: " + requestsPerSecond);
        }
        this.family = family;
        this.limit = requestsPerSecond;
        this.adaptive = adaptive;
        this.nanoClock = nanoClock;
        this.rate = requestsPerSecond;
        this.lowest = requestsPerSecond;
        long now = nanoClock.getAsLong();
        this.nextFree = now - SECOND; // a full bucket: one second's worth may go at once
        this.lastThrottle = now - 2 * SECOND;
        this.lastDecrease = now - 2 * SECOND;
        this.lastRecovery = now;
    }

    /** Takes the next request slot and returns how long the caller must wait before sending it. */
    Duration reserve() {
        return reserve(Duration.ZERO);
    }

    /**
     * Takes the next slot no earlier than {@code notBefore} from now (a retry's backoff) and returns the wait
     * until it: the backoff, or longer if the family's rate allows no request then.
     */
    synchronized Duration reserve(Duration notBefore) {
        long now = nanoClock.getAsLong();
        recover(now);
        long interval = (long) (SECOND / rate);
        long earliest = now + notBefore.toNanos();
        long slot = Math.max(nextFree, earliest - SECOND + interval);
        nextFree = slot + interval;
        requests++;
        long wait = Math.max(earliest, slot) - now;
        waitedNanos += wait - notBefore.toNanos();
        return Duration.ofNanos(wait);
    }

    /** AWS answered a request of this family with throttling. */
    synchronized void throttled() {
        long now = nanoClock.getAsLong();
        throttled++;
        lastThrottle = now;
        if (adaptive && now - lastDecrease >= SECOND) {
            rate = Math.max(limit * FLOOR, rate * BACKOFF);
            lowest = Math.min(lowest, rate);
            lastDecrease = now;
        }
    }

    private void recover(long now) {
        if (adaptive && rate < limit && now - lastThrottle >= SECOND) {
            long since = Math.max(lastRecovery, lastThrottle + SECOND);
            rate = Math.min(limit, rate + limit * RECOVERY_PER_SECOND * (now - since) / SECOND);
        }
        lastRecovery = now;
    }

    synchronized Stats stats() {
        recover(nanoClock.getAsLong());
        return new Stats(family, limit, rate, lowest, requests, throttled, Duration.ofNanos(waitedNanos));
    }

    /**
     * What one family saw: requests sent (attempts, retries included), throttling answers, the rate now and the
     * lowest it went, and the total time requests waited for the limiter.
     */
    record Stats(ApiFamily family, double limit, double rate, double lowest, long requests, long throttled,
                 Duration waited) {}
}

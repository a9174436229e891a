package io.rootaudit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter on a hand-driven clock: no sleeping, exact waits. */
class AdaptiveRateLimiterTest {

    private long now = 1_000_000_000_000L;

    private AdaptiveRateLimiter limiter(double rate, boolean adaptive) {
        return new AdaptiveRateLimiter(ApiFamily.IAM, rate, adaptive, () -> now);
    }

    private void advance(Duration d) {
        now += d.toNanos();
    }

    @Test
    void aFullBucketLetsOneSecondsWorthGoAtOnceThenPacesTheRest() {
        AdaptiveRateLimiter limiter = limiter(10, true);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.reserve()).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(200));
        advance(Duration.ofMillis(200));
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void sustainedDemandGetsTheConfiguredRate() {
        AdaptiveRateLimiter limiter = limiter(20, true);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 20 + 200; i++) {
            last = limiter.reserve();
        }
        // the burst of 20, then 200 more at 20/s: the last one 10 s from now
        assertThat(last).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anIdleBucketRefillsButNotBeyondOneSecond() {
        AdaptiveRateLimiter limiter = limiter(5, true);
        for (int i = 0; i < 5; i++) {
            limiter.reserve();
        }
        advance(Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.reserve()).isZero();
        }
        assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aRetrysBackoffIsKeptAndTheSlotIsTakenAfterIt() {
        AdaptiveRateLimiter limiter = limiter(1, true);
        assertThat(limiter.reserve()).isZero();
        // the next free slot is in 1 s; a retry that must back off 3 s anyway waits exactly 3 s
        assertThat(limiter.reserve(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        // and a request after it queues behind that slot
        assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(4));
        assertThat(limiter.stats().waited()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void throttlingCutsTheRateAtMostOncePerSecondDownToAQuarter() {
        AdaptiveRateLimiter limiter = limiter(100, true);
        limiter.throttled();
        limiter.throttled(); // the same second: no second cut
        assertThat(limiter.stats().rate()).isEqualTo(70.0, within(1e-9));
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofMillis(999));
            limiter.throttled();
            advance(Duration.ofMillis(1));
        }
        AdaptiveRateLimiter.Stats stats = limiter.stats();
        assertThat(stats.rate()).isEqualTo(25.0);
        assertThat(stats.lowest()).isEqualTo(25.0);
        assertThat(stats.throttled()).isEqualTo(12);
    }

    @Test
    void aSlowerRateSpacesRequestsFurtherApart() {
        AdaptiveRateLimiter limiter = limiter(10, true);
        for (int i = 0; i < 10; i++) {
            limiter.reserve();
        }
        limiter.throttled(); // 7/s
        Duration first = limiter.reserve();
        Duration second = limiter.reserve();
        assertThat(second.minus(first).toNanos()).isEqualTo(1_000_000_000L / 7);
    }

    @Test
    void theRateClimbsBackOnceThrottlingStops() {
        AdaptiveRateLimiter limiter = limiter(100, true);
        for (int i = 0; i < 6; i++) {
            limiter.throttled();
            advance(Duration.ofSeconds(1));
        }
        assertThat(limiter.stats().rate()).isEqualTo(25.0);
        // one quiet second after the last throttling (already passed), then 5 % of the limit per second
        advance(Duration.ofSeconds(5));
        assertThat(limiter.stats().rate()).isEqualTo(50.0, within(1e-9));
        advance(Duration.ofSeconds(30));
        assertThat(limiter.stats().rate()).isEqualTo(100.0);
    }

    @Test
    void withoutAdaptationThrottlingIsCountedButTheRateStays() {
        AdaptiveRateLimiter limiter = limiter(40, false);
        for (int i = 0; i < 5; i++) {
            limiter.throttled();
            advance(Duration.ofSeconds(2));
        }
        assertThat(limiter.stats().rate()).isEqualTo(40.0);
        assertThat(limiter.stats().throttled()).isEqualTo(5);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> limiter(0, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IAM");
    }
}

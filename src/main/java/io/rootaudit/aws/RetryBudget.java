package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How every AWS request is retried, and how long a request can take at worst when its endpoint does not answer: the
 * figures the timeout defaults are chosen by (docs/setup-aws.md, "Network failures and timeouts"), computed from the same constants
 * the retry strategy is built from, so that the documented bounds cannot drift from the code.
 */
final class RetryBudget {

    /** Attempts of a request whose endpoint gave no answer (refused, unresolvable, timed out), the first included. */
    static final int NETWORK_ATTEMPTS = 3;
    static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(10);
    static final Duration THROTTLING_BACKOFF_BASE = Duration.ofMillis(250);
    static final Duration THROTTLING_BACKOFF_MAX = Duration.ofSeconds(20);

    private RetryBudget() {}

    /**
     * Standard retries with exponential, jittered backoff, at most {@link #NETWORK_ATTEMPTS} for a request that got no
     * answer, behind the family's client-side rate limit (see {@link RateLimitedRetryStrategy}). The retry circuit
     * breaker is off: under sustained throttling it would stop retrying after a few hundred retries across all threads
     * and turn healthy accounts into errors, while backing off and slowing down is exactly what throttling asks for.
     */
    static RetryStrategy strategy(int maxAttempts, AdaptiveRateLimiter limiter) {
        RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .circuitBreakerEnabled(false)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BACKOFF_BASE, BACKOFF_MAX))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLING_BACKOFF_BASE, THROTTLING_BACKOFF_MAX))
                .build();
        return new RateLimitedRetryStrategy(standard, limiter);
    }

    static int networkAttempts(RootAuditProperties.Aws aws) {
        return Math.min(aws.maxAttempts(), NETWORK_ATTEMPTS);
    }

    /** Longest a request can take against an endpoint that accepts connections and never answers. */
    static Duration silentEndpoint(RootAuditProperties.Aws aws) {
        int attempts = networkAttempts(aws);
        return capped(aws, aws.attemptTimeout().multipliedBy(attempts).plus(backoff(attempts, BACKOFF_BASE, BACKOFF_MAX)));
    }

    /** Longest a request can take against an endpoint that drops connection attempts (a firewall, a wrong VPC endpoint). */
    static Duration droppedConnections(RootAuditProperties.Aws aws) {
        int attempts = networkAttempts(aws);
        Duration perAttempt = min(aws.connectTimeout(), aws.attemptTimeout());
        return capped(aws, perAttempt.multipliedBy(attempts).plus(backoff(attempts, BACKOFF_BASE, BACKOFF_MAX)));
    }

    /** Longest the backoff between attempts can make a request whose connections are refused (each refusal is instant). */
    static Duration refusedConnections(RootAuditProperties.Aws aws) {
        return capped(aws, backoff(networkAttempts(aws), BACKOFF_BASE, BACKOFF_MAX));
    }

    /**
     * Longest the backoff of a request throttled on every attempt can add up to, the attempts themselves not counted:
     * the call timeout must leave room for it, or it cuts off retries that throttling asks for.
     */
    static Duration throttlingBackoff(RootAuditProperties.Aws aws) {
        return backoff(aws.maxAttempts(), THROTTLING_BACKOFF_BASE, THROTTLING_BACKOFF_MAX);
    }

    /**
     * Upper bound of the backoff before attempts 2..{@code attempts}: the SDK waits a random time below
     * {@code min(max, base * 2^(n - 2))} before attempt n.
     */
    static Duration backoff(int attempts, Duration base, Duration max) {
        Duration total = Duration.ZERO;
        for (int n = 2; n <= attempts; n++) {
            total = total.plus(min(max, base.multipliedBy(1L << Math.min(n - 2, 30))));
        }
        return total;
    }

    private static Duration capped(RootAuditProperties.Aws aws, Duration d) {
        return min(d, aws.callTimeout());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

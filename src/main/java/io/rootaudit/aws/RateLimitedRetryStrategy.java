package io.rootaudit.aws;

import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The SDK's retry strategy with a family's {@link AdaptiveRateLimiter} in front of every attempt, first ones and
 * retries alike. The SDK asks a retry strategy how long to wait before each attempt, so this is where a
 * client-side rate limit fits without a thread blocking inside rootaudit's code; and it sees every failed
 * attempt, so throttling slows the whole family down, not just the one request.
 *
 * <p>Unlike the SDK's own adaptive mode, the limiter is shared by all clients of a family and has no retry quota:
 * that quota (the SDK's circuit breaker, which its adaptive mode cannot switch off) gives up on requests after a
 * few hundred retries across all threads, turning healthy accounts into errors under sustained throttling.
 *
 * <p>Failures that never reached an answer ({@link NetworkFailure}: refused, unresolvable, timed out) get at most
 * {@link RetryBudget#NETWORK_ATTEMPTS} attempts, however many {@code maxAttempts} allows: the SDK retries them as
 * often as throttling, which made an unreachable endpoint cost up to ten attempts and their backoff before the run
 * said anything. Each request's token carries its own count of such failures; throttling keeps every attempt.
 */
final class RateLimitedRetryStrategy implements RetryStrategy {

    private final RetryStrategy delegate;
    private final AdaptiveRateLimiter limiter;

    RateLimitedRetryStrategy(RetryStrategy delegate, AdaptiveRateLimiter limiter) {
        this.delegate = delegate;
        this.limiter = limiter;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        AcquireInitialTokenResponse response = delegate.acquireInitialToken(request);
        return AcquireInitialTokenResponse.create(new Token(response.token(), 0), limiter.reserve(response.delay()));
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        Token token = (Token) request.token();
        if (request.failure() instanceof AwsServiceException e && e.isThrottlingException()) {
            limiter.throttled();
        }
        int networkFailures = token.networkFailures() + (NetworkFailure.of(request.failure()).isPresent() ? 1 : 0);
        if (networkFailures > token.networkFailures() && networkFailures >= RetryBudget.NETWORK_ATTEMPTS) {
            throw new TokenAcquisitionFailedException("no answer from the endpoint in " + networkFailures + " attempts",
                    token, request.failure());
        }
        RefreshRetryTokenResponse response;
        try {
            response = delegate.refreshRetryToken(request.toBuilder().token(token.delegate()).build());
        } catch (TokenAcquisitionFailedException e) {
            throw new TokenAcquisitionFailedException(e.getMessage(), new Token(e.token(), networkFailures), e.getCause());
        }
        return RefreshRetryTokenResponse.create(new Token(response.token(), networkFailures), limiter.reserve(response.delay()));
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        Token token = (Token) request.token();
        RecordSuccessResponse response = delegate.recordSuccess(RecordSuccessRequest.create(token.delegate()));
        return RecordSuccessResponse.create(new Token(response.token(), token.networkFailures()));
    }

    @Override
    public int maxAttempts() {
        return delegate.maxAttempts();
    }

    @Override
    public boolean useClientDefaults() {
        return false;
    }

    @Override
    public Builder toBuilder() {
        return new Builder(delegate.toBuilder(), limiter);
    }

    /** The wrapped strategy's token and how many of this request's attempts got no answer from the endpoint. */
    private record Token(RetryToken delegate, int networkFailures) implements RetryToken {}

    /** Changes the wrapped strategy and keeps the limiter. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class Builder implements RetryStrategy.Builder<Builder, RateLimitedRetryStrategy> {
        private final RetryStrategy.Builder delegate;
        private final AdaptiveRateLimiter limiter;

        Builder(RetryStrategy.Builder<?, ?> delegate, AdaptiveRateLimiter limiter) {
            this.delegate = delegate;
            this.limiter = limiter;
        }

        @Override
        public Builder retryOnException(Predicate<Throwable> shouldRetry) {
            delegate.retryOnException(shouldRetry);
            return this;
        }

        @Override
        public Builder maxAttempts(int maxAttempts) {
            delegate.maxAttempts(maxAttempts);
            return this;
        }

        @Override
        public Builder backoffStrategy(BackoffStrategy backoffStrategy) {
            delegate.backoffStrategy(backoffStrategy);
            return this;
        }

        @Override
        public Builder throttlingBackoffStrategy(BackoffStrategy backoffStrategy) {
            delegate.throttlingBackoffStrategy(backoffStrategy);
            return this;
        }

        @Override
        public Builder treatAsThrottling(Predicate<Throwable> treatAsThrottling) {
            delegate.treatAsThrottling(treatAsThrottling);
            return this;
        }

        @Override
        public RateLimitedRetryStrategy build() {
            return new RateLimitedRetryStrategy((RetryStrategy) delegate.build(), limiter);
        }
    }
}

package io.rootaudit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import io.rootaudit.config.RootAuditProperties;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * Which failures count as "the endpoint never answered", how often they are retried next to throttling, and the
 * worst cases the default timeouts promise (docs/setup-aws.md, "Network failures and timeouts").
 */
class NetworkRetriesTest {

    @Test
    void networkFailuresAreToldApartByTheirCause() {
        assertThat(NetworkFailure.of(wrapped(new ConnectException("Connection refused")))).contains(NetworkFailure.CONNECTION_REFUSED);
        assertThat(NetworkFailure.of(wrapped(new UnknownHostException("sts.example.invalid")))).contains(NetworkFailure.UNKNOWN_HOST);
        assertThat(NetworkFailure.of(wrapped(new SocketTimeoutException("connect timed out")))).contains(NetworkFailure.CONNECT_TIMEOUT);
        assertThat(NetworkFailure.of(wrapped(new SocketTimeoutException("Read timed out")))).contains(NetworkFailure.TIMEOUT);
        assertThat(NetworkFailure.of(ApiCallAttemptTimeoutException.create(20_000))).contains(NetworkFailure.TIMEOUT);
        assertThat(NetworkFailure.of(ApiCallTimeoutException.create(120_000))).contains(NetworkFailure.TIMEOUT);
        assertThat(NetworkFailure.of(wrapped(new SSLHandshakeException("PKIX path building failed")))).contains(NetworkFailure.NETWORK_ERROR);
        assertThat(NetworkFailure.of(wrapped(new IOException("Connection reset")))).contains(NetworkFailure.NETWORK_ERROR);
        // the endpoint answered: whatever it said, the network is fine
        assertThat(NetworkFailure.of(throttling())).isEmpty();
        assertThat(NetworkFailure.of(SdkClientException.create("Unable to load credentials from any of the providers"))).isEmpty();
    }

    @Test
    void aRequestThatGetsNoAnswerIsTriedThreeTimesHoweverManyAttemptsThrottlingGets() {
        RetryStrategy strategy = RetryBudget.strategy(10, limiter());
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("test")).token();
        for (int retry = 1; retry < RetryBudget.NETWORK_ATTEMPTS; retry++) {
            token = strategy.refreshRetryToken(refresh(token, wrapped(new ConnectException("Connection refused")))).token();
        }
        RetryToken last = token;
        assertThatThrownBy(() -> strategy.refreshRetryToken(refresh(last, wrapped(new ConnectException("Connection refused")))))
                .isInstanceOf(TokenAcquisitionFailedException.class);
    }

    @Test
    void throttlingStillGetsEveryAttemptEvenAfterANetworkHiccup() {
        RetryStrategy strategy = RetryBudget.strategy(10, limiter());
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("test")).token();
        token = strategy.refreshRetryToken(refresh(token, wrapped(new IOException("Connection reset")))).token();
        for (int attempt = 3; attempt <= 10; attempt++) {
            token = strategy.refreshRetryToken(refresh(token, throttling())).token();
        }
        RetryToken last = token;
        assertThatThrownBy(() -> strategy.refreshRetryToken(refresh(last, throttling())))
                .as("the 11th attempt").isInstanceOf(TokenAcquisitionFailedException.class);
    }

    @Test
    void withOneAttemptConfiguredNothingIsRetried() {
        RetryStrategy strategy = RetryBudget.strategy(1, limiter());
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("test")).token();
        assertThatThrownBy(() -> strategy.refreshRetryToken(refresh(token, wrapped(new ConnectException("Connection refused")))))
                .isInstanceOf(TokenAcquisitionFailedException.class);
    }

    /** The promise of the defaults: a silent endpoint fails a request within about a minute, never past two. */
    @Test
    void theDefaultsBoundAnUnansweredRequest() {
        RootAuditProperties.Aws defaults = BoundProperties.defaults();
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.attemptTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.callTimeout()).isEqualTo(Duration.ofMinutes(2));
        // 3 attempts of 20 s, and under 0.1 s + 0.2 s of backoff between them
        assertThat(RetryBudget.silentEndpoint(defaults)).isEqualTo(Duration.ofMillis(60_300)).isLessThanOrEqualTo(Duration.ofMinutes(2));
        // a firewall that drops the connection attempts: 3 x 5 s
        assertThat(RetryBudget.droppedConnections(defaults)).isEqualTo(Duration.ofMillis(15_300));
        // refused connections cost only the backoff
        assertThat(RetryBudget.refusedConnections(defaults)).isEqualTo(Duration.ofMillis(300));
        // while a request throttled on all 10 attempts backs off for at most 71.75 s, inside the call timeout
        assertThat(RetryBudget.throttlingBackoff(defaults)).isEqualTo(Duration.ofMillis(71_750)).isLessThan(defaults.callTimeout());
    }

    @Test
    void theCallTimeoutCapsEveryWorstCase() {
        RootAuditProperties.Aws aws = BoundProperties.of(Map.of("rootaudit.aws.attempt-timeout", "5m",
                "rootaudit.aws.call-timeout", "6m")).aws();
        assertThat(RetryBudget.silentEndpoint(aws)).isEqualTo(Duration.ofMinutes(6));
    }

    /** An evidence upload gets its body's time at 128 KiB/s on top of each attempt, so a slow link still publishes. */
    @Test
    void anUploadGetsTimeForItsSize() {
        RootAuditProperties.Aws defaults = BoundProperties.defaults();
        var upload = AwsRequestOverrideConfiguration.builder();
        UploadTimeouts.of(defaults, 12L * 1024 * 1024).accept(upload);
        var timeouts = upload.build();
        assertThat(timeouts.apiCallAttemptTimeout()).contains(Duration.ofSeconds(20 + 96));
        assertThat(timeouts.apiCallTimeout()).contains(Duration.ofMinutes(2).plusSeconds(96 * 10));
        var probe = AwsRequestOverrideConfiguration.builder();
        UploadTimeouts.of(defaults, 30).accept(probe);
        assertThat(probe.build().apiCallAttemptTimeout()).contains(Duration.ofSeconds(20));
    }

    private static SdkClientException wrapped(IOException cause) {
        return SdkClientException.create("Unable to execute HTTP request: " + cause.getMessage(), cause);
    }

    private static AwsServiceException throttling() {
        return AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build()).build();
    }

    private static RefreshRetryTokenRequest refresh(RetryToken token, Throwable failure) {
        return RefreshRetryTokenRequest.builder().token(token).failure(failure).build();
    }

    private static AdaptiveRateLimiter limiter() {
        return new AdaptiveRateLimiter(ApiFamily.STS, 1_000_000, false, System::nanoTime);
    }
}

package io.rootaudit.aws;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * A request that got no answer from its endpoint: refused, unresolvable, no connection in time, no answer in time, or
 * the connection broke. Such a failure says nothing about credentials or permissions, only about the path to the
 * endpoint, so it is retried fewer times than throttling ({@link RateLimitedRetryStrategy}) and reported as an
 * {@link EndpointUnreachableException} that names the endpoint.
 */
enum NetworkFailure {
    CONNECTION_REFUSED("ConnectionRefused"),
    UNKNOWN_HOST("UnknownHost"),
    CONNECT_TIMEOUT("ConnectTimeout"),
    /** Connected (or still connecting) when the attempt or call timeout ran out, or a read timed out. */
    TIMEOUT("Timeout"),
    /** Any other I/O failure on the way: connection reset, TLS handshake, no route to host. */
    NETWORK_ERROR("NetworkError");

    private final String code;

    NetworkFailure(String code) {
        this.code = code;
    }

    /** The error code an account's audit error carries, for example {@code Timeout}. */
    String code() {
        return code;
    }

    /**
     * What kind of network failure {@code failure} is, or empty when the endpoint answered (a service error, however
     * it reads) or the failure has nothing to do with the network. The most specific cause wins.
     */
    static Optional<NetworkFailure> of(Throwable failure) {
        if (failure instanceof SdkServiceException) {
            return Optional.empty();
        }
        NetworkFailure found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return Optional.of(TIMEOUT);
            }
            if (t instanceof UnknownHostException) {
                return Optional.of(UNKNOWN_HOST);
            }
            if (t instanceof ConnectException && mentions(t, "refused")) {
                return Optional.of(CONNECTION_REFUSED);
            }
            // java.net reports "connect timed out"; Apache HttpClient wraps it in its ConnectTimeoutException
            if ((t instanceof SocketTimeoutException || t.getClass().getSimpleName().equals("ConnectTimeoutException"))
                    && mentions(t, "connect")) {
                return Optional.of(CONNECT_TIMEOUT);
            }
            if (t instanceof SocketTimeoutException) {
                found = TIMEOUT;
            } else if (t instanceof IOException && found == null) {
                found = NETWORK_ERROR;
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean mentions(Throwable t, String word) {
        return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(word);
    }
}

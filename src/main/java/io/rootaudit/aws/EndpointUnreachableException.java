package io.rootaudit.aws;

import java.util.Optional;

/**
 * Why an AWS request never got an answer: its endpoint refused the connection, did not resolve, or did not answer
 * in time, on every attempt. It names the endpoint and what happened, so that a run from cron says "the network"
 * instead of pointing at credentials or permissions, which were never checked. The message holds no secret: only the
 * endpoint's scheme, host and port, never its path, query or user info.
 *
 * <p>The SDK lets an interceptor change an exception's message and cause but not its class (a request that timed out
 * stays an {@code ApiCallAttemptTimeoutException}), so this is the cause of the exception the client throws, whose
 * message it also becomes; {@link #in} finds it.
 */
public final class EndpointUnreachableException extends RuntimeException {

    private final ApiFamily family;
    private final String endpoint;
    private final NetworkFailure failure;

    EndpointUnreachableException(ApiFamily family, String endpoint, NetworkFailure failure, String what, Throwable cause) {
        super("the " + family.label() + " endpoint " + endpoint + " " + what, cause);
        this.family = family;
        this.endpoint = endpoint;
        this.failure = failure;
    }

    /** The reason {@code failure} (an exception thrown by an AWS client) got no answer, if that is why it failed. */
    public static Optional<EndpointUnreachableException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EndpointUnreachableException unreachable) {
                return Optional.of(unreachable);
            }
        }
        return Optional.empty();
    }

    /** A short error code for an account's audit error: ConnectionRefused, UnknownHost, ConnectTimeout, Timeout or NetworkError. */
    public String errorCode() {
        return failure.code();
    }

    /** What to check, for a failed preflight check. */
    public String fix() {
        return "check that this machine can reach " + endpoint + ": the endpoint settings if you set any ("
                + "AWS_ENDPOINT_URL, " + family.endpointVariable() + ", aws.endpointUrl), the proxy (HTTPS_PROXY and NO_PROXY, "
                + "or -Dhttps.proxyHost), a VPC interface endpoint for " + family.key() + " (its security group and private DNS), "
                + "firewalls and DNS; raise rootaudit.aws.attempt-timeout only if the network is merely slow";
    }
}

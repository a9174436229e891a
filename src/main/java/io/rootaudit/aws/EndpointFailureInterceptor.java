package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Explains a request that never got an answer: the exception the client throws gets an
 * {@link EndpointUnreachableException} naming the endpoint as its cause and message. It notes, per request, where each
 * attempt went and whether any attempt got an HTTP answer; only a request that was sent (so its credentials were
 * resolved and it was signed) and never answered is explained. A request that failed before it was sent (no
 * credentials) or that got answers (throttling until the call timeout ran out) keeps the SDK's exception as it is.
 */
final class EndpointFailureInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<URI> SENT_TO = new ExecutionAttribute<>("rootaudit.SentTo");
    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("rootaudit.AttemptsSent");
    private static final ExecutionAttribute<Boolean> ANSWERED = new ExecutionAttribute<>("rootaudit.Answered");

    private final ApiFamily family;
    private final RootAuditProperties.Aws settings;

    EndpointFailureInterceptor(ApiFamily family, RootAuditProperties.Aws settings) {
        this.family = family;
        this.settings = settings;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT_TO, context.httpRequest().getUri());
        Integer attempts = attributes.getAttribute(ATTEMPTS);
        attributes.putAttribute(ATTEMPTS, attempts == null ? 1 : attempts + 1);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(ANSWERED, Boolean.TRUE);
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        URI sentTo = attributes.getAttribute(SENT_TO);
        if (sentTo == null || Boolean.TRUE.equals(attributes.getAttribute(ANSWERED))) {
            return failure;
        }
        if (!(failure instanceof SdkException sdk)) {
            return failure;
        }
        return NetworkFailure.of(failure)
                .<Throwable>map(kind -> {
                    var unreachable = new EndpointUnreachableException(family, origin(sentTo), kind,
                            what(kind, failure, attributes.getAttribute(ATTEMPTS)), failure);
                    // the same class (the SDK insists), with the explanation as message and cause
                    return sdk.toBuilder().message(unreachable.getMessage()).cause(unreachable).numAttempts(null).build();
                })
                .orElse(failure);
    }

    private String what(NetworkFailure kind, Throwable failure, Integer attempts) {
        String what = switch (kind) {
            case CONNECTION_REFUSED -> "could not be reached: the connection was refused";
            case UNKNOWN_HOST -> "could not be reached: its host name does not resolve";
            case CONNECT_TIMEOUT -> "could not be reached: no connection within " + format(settings.connectTimeout())
                    + " (rootaudit.aws.connect-timeout)";
            case TIMEOUT -> isCallTimeout(failure)
                    ? "did not answer in time: no answer within " + format(settings.callTimeout()) + " (rootaudit.aws.call-timeout)"
                    : "did not answer in time: no answer within " + format(settings.attemptTimeout()) + " (rootaudit.aws.attempt-timeout)";
            case NETWORK_ERROR -> "could not be reached: " + rootCause(failure);
        };
        return attempts != null && attempts > 1 ? what + ", " + attempts + " attempts" : what;
    }

    private static boolean isCallTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** {@code scheme://host[:port]}: never the path, query or user info of the request. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** {@code 500ms}, {@code 20s}, {@code 2m}: the way the properties are written. */
    static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        return d.toSeconds() % 60 == 0 && d.toSeconds() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}

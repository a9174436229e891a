package io.rootaudit.audit;

import io.rootaudit.aws.EndpointUnreachableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Why an account could not be audited: the AWS error code and message, or a client-side failure. */
public record AuditError(String code, String message) {

    /** The same error with any of the session's credentials scrubbed from the message. */
    AuditError redactedBy(io.rootaudit.aws.RootSession session) {
        return new AuditError(code, session.redact(message));
    }

    /**
     * The AWS error code, a network code when the endpoint never answered (Timeout, ConnectionRefused, ...), Timeout
     * when retries ran past the call timeout, else ClientError.
     */
    static AuditError of(Throwable e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            return new AuditError(ase.awsErrorDetails().errorCode(), ase.awsErrorDetails().errorMessage());
        }
        var unreachable = EndpointUnreachableException.in(e);
        if (unreachable.isPresent()) {
            return new AuditError(unreachable.get().errorCode(), unreachable.get().getMessage());
        }
        if (e instanceof ApiCallTimeoutException) {
            return new AuditError("Timeout", e.getMessage() + " (rootaudit.aws.call-timeout)");
        }
        if (e instanceof SdkException) {
            return new AuditError("ClientError", e.getMessage());
        }
        return new AuditError(e.getClass().getSimpleName(), e.getMessage());
    }
}

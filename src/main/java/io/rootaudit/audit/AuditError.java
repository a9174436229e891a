package io.rootaudit.audit;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Why an account could not be audited: the AWS error code and message, or a client-side failure. */
public record AuditError(String code, String message) {

    /** The same error with any of the session's credentials scrubbed from the message. */
    AuditError redactedBy(io.rootaudit.aws.RootSession session) {
        return new AuditError(code, session.redact(message));
    }

    static AuditError of(Throwable e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            return new AuditError(ase.awsErrorDetails().errorCode(), ase.awsErrorDetails().errorMessage());
        }
        if (e instanceof SdkException) {
            return new AuditError("ClientError", e.getMessage());
        }
        return new AuditError(e.getClass().getSimpleName(), e.getMessage());
    }
}

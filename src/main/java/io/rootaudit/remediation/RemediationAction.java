package io.rootaudit.remediation;

import java.time.Instant;

/**
 * One deletion planned or made in a root session, recorded before and after the AWS call so a run killed at
 * any point loses no record and, on resume, never repeats an action it knows is done.
 *
 * @param target the access key id, certificate id, MFA serial number, or {@code login-profile}
 */
public record RemediationAction(String accountId, int ordinal, Type type, String target, Status status, String detail,
                                Instant at) {

    public enum Type {
        DELETE_ACCESS_KEY, DELETE_SIGNING_CERTIFICATE, DEACTIVATE_MFA_DEVICE, DELETE_VIRTUAL_MFA_DEVICE, DELETE_LOGIN_PROFILE
    }

    public enum Status {
        /** Recorded, not (yet) confirmed done. A dry run leaves every action here. */
        PLANNED,
        /** AWS confirmed the deletion. */
        DONE,
        /** NoSuchEntity: it was already gone, which is the goal. */
        ALREADY_GONE,
        /** AccessDenied where AWS no longer grants the action to the task (DeleteVirtualMFADevice): not a failure. */
        NOT_PERMITTED,
        /** Failed after retries; the error is in the detail. */
        FAILED;

        public boolean settled() {
            return this == DONE || this == ALREADY_GONE || this == NOT_PERMITTED;
        }
    }
}

package io.rootaudit.organization;

import io.rootaudit.aws.EndpointUnreachableException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One organization-level prerequisite and its outcome. A failed check carries the fix, so the message a
 * user sees at 3 a.m. from cron says what to do, not just what went wrong.
 */
public record PrerequisiteCheck(String id, String title, Outcome outcome, String detail, String fix) {

    public enum Outcome { PASSED, FAILED, WARNING, NOT_CHECKED }

    static PrerequisiteCheck passed(String id, String title, String detail) {
        return new PrerequisiteCheck(id, title, Outcome.PASSED, detail, null);
    }

    static PrerequisiteCheck failed(String id, String title, String detail, String fix) {
        return new PrerequisiteCheck(id, title, Outcome.FAILED, detail, fix);
    }

    /**
     * A check that failed on an AWS call. When the call never reached its endpoint the check proved nothing about
     * what it checks, so the detail names the endpoint and the fix is about the network instead of {@code fix}.
     */
    static PrerequisiteCheck failed(String id, String title, String detail, SdkException cause, String fix) {
        return EndpointUnreachableException.in(cause)
                .map(unreachable -> unreachable(id, title, unreachable))
                .orElseGet(() -> failed(id, title, detail, fix));
    }

    /** A check that could not be made because its AWS endpoint never answered. */
    static PrerequisiteCheck unreachable(String id, String title, EndpointUnreachableException unreachable) {
        return failed(id, title, unreachable.getMessage(), unreachable.fix());
    }

    static PrerequisiteCheck warning(String id, String title, String detail, String fix) {
        return new PrerequisiteCheck(id, title, Outcome.WARNING, detail, fix);
    }

    static PrerequisiteCheck notChecked(String id, String title) {
        return new PrerequisiteCheck(id, title, Outcome.NOT_CHECKED, "not checked: an earlier prerequisite failed", null);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}

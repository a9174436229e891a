package io.rootaudit.organization;

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

package io.rootaudit.organization;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Prerequisites that other features add to preflight (for example the S3 bucket the evidence is published
 * to), so that every missing prerequisite is found before anything is audited or written.
 */
public interface AdditionalPrerequisites {

    /** The checks to add; empty when the feature is not configured. */
    default List<PrerequisiteCheck> check() {
        return List.of();
    }

    /** The checks to add, for a feature that depends on where the caller runs; {@link #check()} by default. */
    default List<PrerequisiteCheck> check(PreflightReport.CallerRole callerRole) {
        return check();
    }

    /** For implementations outside this package. */
    static PrerequisiteCheck passed(String id, String title, String detail) {
        return PrerequisiteCheck.passed(id, title, detail);
    }

    static PrerequisiteCheck failed(String id, String title, String detail, String fix) {
        return PrerequisiteCheck.failed(id, title, detail, fix);
    }

    static PrerequisiteCheck warning(String id, String title, String detail, String fix) {
        return PrerequisiteCheck.warning(id, title, detail, fix);
    }

    /** A check that failed on an AWS call: an endpoint that could not be reached gets the network's fix, not {@code fix}. */
    static PrerequisiteCheck failed(String id, String title, String detail, SdkException cause, String fix) {
        return PrerequisiteCheck.failed(id, title, detail, cause, fix);
    }
}

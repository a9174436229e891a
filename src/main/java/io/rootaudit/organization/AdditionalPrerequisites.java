package io.rootaudit.organization;

import java.util.List;

/**
 * Prerequisites that other features add to preflight (for example the S3 bucket the evidence is published
 * to), so that every missing prerequisite is found before anything is audited or written.
 */
public interface AdditionalPrerequisites {

    /** The checks to add; empty when the feature is not configured. */
    List<PrerequisiteCheck> check();

    /** For implementations outside this package. */
    static PrerequisiteCheck passed(String id, String title, String detail) {
        return PrerequisiteCheck.passed(id, title, detail);
    }

    static PrerequisiteCheck failed(String id, String title, String detail, String fix) {
        return PrerequisiteCheck.failed(id, title, detail, fix);
    }
}

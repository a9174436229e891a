package io.rootaudit.application;

import java.nio.file.Path;

/**
 * What publishing a run's pack came to.
 *
 * @param location where the verified pack is ({@code PUBLISHED}), else null
 * @param message why it failed ({@code FAILED}), else null
 * @param localFolder the complete local pack, kept whatever happens to the upload
 */
public record PublishOutcome(Kind kind, String runId, String location, String message, Path localFolder) {

    public enum Kind {
        /** Uploaded and verified now. */
        PUBLISHED,
        /** The pack was published earlier; nothing to do. */
        ALREADY_PUBLISHED,
        /** No evidence bucket is configured. */
        NOT_CONFIGURED,
        /** The upload or its verification failed; the local pack is complete. */
        FAILED
    }

    static PublishOutcome of(Kind kind, String runId, Path localFolder) {
        return new PublishOutcome(kind, runId, null, null, localFolder);
    }
}

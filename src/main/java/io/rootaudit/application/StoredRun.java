package io.rootaudit.application;

import io.rootaudit.store.RunRecord;

/**
 * A run asked for by id, for the commands that work on stored runs ({@code report}, {@code publish}): found and
 * completed, or why not.
 */
public record StoredRun(Kind kind, String runId, RunRecord run) {

    public enum Kind { COMPLETED, NO_SUCH_RUN, NOT_COMPLETED }

    static StoredRun of(String runId, java.util.Optional<RunRecord> run) {
        if (run.isEmpty()) {
            return new StoredRun(Kind.NO_SUCH_RUN, runId, null);
        }
        return new StoredRun(run.get().completed() ? Kind.COMPLETED : Kind.NOT_COMPLETED, runId, run.get());
    }
}

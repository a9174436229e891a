package io.rootaudit.cli;

import io.rootaudit.application.StoredRun;

/** What the commands on a stored run say when the run asked for cannot be used. */
final class StoredRuns {

    private StoredRuns() {}

    /** True for a completed run; otherwise says why not on stderr. */
    static boolean usable(Launch launch, StoredRun stored) {
        switch (stored.kind()) {
            case NO_SUCH_RUN -> launch.err().println("rootaudit: no run " + stored.runId() + " in the store (see 'history')");
            case NOT_COMPLETED -> launch.err().println("rootaudit: run " + stored.runId()
                    + " has not completed; run 'audit' again to resume it");
            case COMPLETED -> {
                return true;
            }
        }
        return false;
    }
}

package io.rootaudit.application;

import io.rootaudit.organization.PreflightReport;
import io.rootaudit.store.RunRecord;

/** What an audit tells the operator while it runs, before its outcome: the command line prints it as it happens. */
public interface AuditListener {

    default void safetySettings(SafetySettings settings) {}

    default void preflight(PreflightReport report) {}

    /** @param resumed the period's unfinished run is continued rather than a new one started */
    default void runStarted(RunRecord run, boolean resumed) {}

    /** The previous execution of the run was killed while running and has been marked failed, to be restarted. */
    default void interruptedRunRecovered(RunRecord run) {}
}

package io.rootaudit.application;

import java.util.List;

/**
 * What exporting a run's findings to Security Hub came to.
 *
 * @param findings findings the run maps to (0 unless the export was attempted)
 * @param imported findings Security Hub accepted
 * @param failures every refused finding and failed call, "finding id: code: message" ("call: ..." for a call)
 * @param attempt the attempt recorded in the store for this run, 0 when none was made now
 * @param message why nothing was exported ({@code SUPERSEDED}), else null
 */
public record ExportOutcome(Kind kind, String runId, int findings, int imported, List<String> failures, int attempt,
                            String message) {

    public enum Kind {
        /** Every finding was imported now. */
        EXPORTED,
        /** The run's findings were imported earlier; nothing to do. */
        ALREADY_EXPORTED,
        /** The export is off. */
        NOT_CONFIGURED,
        /** A later completed run of the organization exists: its findings are the current ones, this run's are not sent. */
        SUPERSEDED,
        /** Some findings or calls failed; the evidence pack is intact. */
        FAILED
    }

    public ExportOutcome {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    static ExportOutcome of(Kind kind, String runId, String message) {
        return new ExportOutcome(kind, runId, 0, 0, List.of(), 0, message);
    }
}

package io.rootaudit.export;

import java.util.List;

/**
 * What sending a run's findings to one destination came to: how many were sent and accepted, and every finding or
 * call that failed, with AWS's error, for the run's log and the store.
 *
 * @param destination for example {@code security-hub}
 * @param findings findings the run maps to
 * @param imported findings the destination accepted
 */
public record ExportReport(String destination, int findings, int imported, List<Failure> failures) {

    public ExportReport {
        failures = List.copyOf(failures);
    }

    /**
     * @param findingId the finding that failed, or {@code null} for a whole call that failed
     * @param code AWS's error code ({@code ErrorCode} of a failed finding, the exception's code of a failed call)
     */
    public record Failure(String findingId, String code, String message) {

        @Override
        public String toString() {
            return (findingId == null ? "call" : findingId) + ": " + code + ": " + message;
        }
    }

    /** Every finding was accepted. */
    public boolean succeeded() {
        return failures.isEmpty() && imported == findings;
    }
}

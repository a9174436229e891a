package io.rootaudit.compliance;

import java.util.Objects;

/**
 * A finding together with the exception that covers it, so that a report shows excepted findings
 * with their ticket instead of hiding them.
 *
 * @param exceptionReference the covering exception's ticket, or {@code null} when not excepted
 */
public record AssessedFinding(Finding finding, String exceptionReference) {

    public AssessedFinding {
        Objects.requireNonNull(finding, "finding");
    }

    public static AssessedFinding open(Finding finding) {
        return new AssessedFinding(finding, null);
    }

    public boolean excepted() {
        return exceptionReference != null;
    }
}

package io.rootaudit.compliance;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one audited account, kept together with the findings and exception tickets behind
 * it, so that every verdict in a report can be justified line by line.
 *
 * @param status COMPLIANT, EXCEPTED or NON_COMPLIANT
 * @param findings every finding, excepted or not, in evaluation order
 * @param highestSeverity the most severe finding not covered by an exception; {@code null} when none
 */
public record Assessment(AccountStatus status, List<AssessedFinding> findings, Severity highestSeverity) {

    public Assessment {
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
    }
}

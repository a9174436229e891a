package io.rootaudit.compliance;

import java.util.Objects;

/**
 * One deviation found by one rule. Findings name the specific credential because an auditor must be
 * able to verify each one and an operator must know exactly what to delete.
 *
 * @param ruleId id of the rule that produced it
 * @param severity the rule's severity
 * @param detail human-readable text naming the credential and its state
 * @param resource id of the credential concerned (access key id, certificate id, MFA serial), or
 *     {@code null} when the finding is about the root user or organization as a whole
 */
public record Finding(String ruleId, Severity severity, String detail, String resource) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("Finding detail must not be blank (rule " + ruleId + ")");
        }
    }
}

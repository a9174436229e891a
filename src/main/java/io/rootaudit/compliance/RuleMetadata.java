package io.rootaudit.compliance;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The auditor-facing description of a rule. It lives apart from the rule's logic so that reports,
 * exception validation and control tallies can name rules without evaluating them.
 *
 * @param id stable kebab-case identifier, referenced by exception files and stored results
 * @param title one-line statement of the deviation
 * @param severity severity of every finding of the rule
 * @param rationale why the deviation matters, and what the frameworks ask; which of their controls the rule gives
 *     evidence for is data, in the framework mapping files ({@link ControlMappings})
 * @param remediation concrete steps that remove the deviation
 */
public record RuleMetadata(String id, String title, Severity severity, String rationale, String remediation) {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public RuleMetadata {
        requireText(id, "id");
        if (!KEBAB_CASE.matcher(id).matches()) {
            throw new IllegalArgumentException("Rule id must be kebab-case: " + id);
        }
        requireText(title, "title of " + id);
        Objects.requireNonNull(severity, () -> "severity of " + id);
        requireText(rationale, "rationale of " + id);
        requireText(remediation, "remediation of " + id);
    }

    /** A finding of this rule, so that a finding's id and severity always match its rule. */
    public Finding finding(String detail, String resource) {
        return new Finding(id, severity, detail, resource);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Rule " + what + " must not be blank");
        }
    }
}

package io.rootaudit.compliance;

/** Severity of a finding, ordered from most to least severe, so that {@code compareTo} ranks them. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL;

    /** The more severe of two severities; {@code null} counts as no severity. */
    public static Severity mostSevere(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package io.rootaudit.compliance;

/**
 * The verdict for one account in a run. Every in-scope account gets exactly one, so that a report
 * accounts for every account instead of staying silent about those it could not audit.
 */
public enum AccountStatus {
    /** Audited, and root has no credentials at all: positive evidence. */
    COMPLIANT,
    /** Audited, with at least one finding not covered by a valid exception. */
    NON_COMPLIANT,
    /** Audited, with findings that are all covered by valid exceptions. */
    EXCEPTED,
    /** Could not be audited: the AWS error is recorded. Never counts as compliant. */
    ERROR,
    /** The management account: sts:AssumeRoot cannot target it. */
    NOT_APPLICABLE,
    /** Not audited on purpose, for example a suspended or closed account. */
    SKIPPED;

    /** Statuses that enter the compliance-rate denominator. */
    public boolean isAssessed() {
        return this == COMPLIANT || this == NON_COMPLIANT || this == EXCEPTED || this == ERROR;
    }
}

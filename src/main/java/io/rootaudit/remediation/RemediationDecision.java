package io.rootaudit.remediation;

/** What the remediation step decided, or achieved, for one account. */
public enum RemediationDecision {
    /** Eligible; not processed yet (a resumed run continues from here). */
    PENDING,
    /** Dry run: the actions were recorded as planned, nothing was changed. */
    PLANNED,
    /** Every credential was removed and the re-audit found none. */
    REMEDIATED,
    /** Some action failed or the re-audit still found credentials. */
    FAILED,
    /** The root password is younger than the grace period: a recovery in progress is left alone. */
    SKIPPED_RECOVERY_IN_PROGRESS,
    /** An exception covers at least one of the account's findings: never touched. */
    SKIPPED_EXCEPTED,
    /** More accounts were eligible than rootaudit.remediation.max-accounts: nothing was deleted in this run. */
    SKIPPED_LIMIT_EXCEEDED;

    public boolean isFinal() {
        return this != PENDING;
    }
}

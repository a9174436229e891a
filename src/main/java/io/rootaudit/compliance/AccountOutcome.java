package io.rootaudit.compliance;

import java.util.List;
import java.util.Objects;

/**
 * The final state of one in-scope account in a run, whatever happened to it, so that the summary
 * accounts for every account, including those that could not be audited.
 *
 * @param findings assessed findings; empty for accounts that were not audited
 * @param kind member or management account: a rule that does not apply to the kind neither passes nor fails there
 */
public record AccountOutcome(String accountId, AccountStatus status, List<AssessedFinding> findings, AccountKind kind) {

    public AccountOutcome {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(kind, "kind");
        findings = List.copyOf(findings);
    }

    /** The outcome of a member account. */
    public AccountOutcome(String accountId, AccountStatus status, List<AssessedFinding> findings) {
        this(accountId, status, findings, AccountKind.MEMBER);
    }

    public static AccountOutcome assessed(String accountId, Assessment assessment) {
        return new AccountOutcome(accountId, assessment.status(), assessment.findings());
    }

    /** An account that was not audited: ERROR, NOT_APPLICABLE or SKIPPED. */
    public static AccountOutcome notAudited(String accountId, AccountStatus status) {
        AccountOutcome outcome = new AccountOutcome(accountId, status, List.of());
        if (outcome.audited()) {
            throw new IllegalArgumentException(status + " is a verdict of an audited account: use assessed()");
        }
        return outcome;
    }

    /** Audited to a verdict: COMPLIANT, NON_COMPLIANT or EXCEPTED. */
    public boolean audited() {
        return status == AccountStatus.COMPLIANT || status == AccountStatus.NON_COMPLIANT
                || status == AccountStatus.EXCEPTED;
    }
}

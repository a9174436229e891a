package io.rootaudit.job;

import io.rootaudit.store.RunRecord;

/**
 * Whether and how a run reads the management account's root, which sts:AssumeRoot cannot reach: with the caller's own
 * credentials when rootaudit runs in the management account, else through {@code rootaudit.management-account.role-arn}
 * when it is set. Without either, the account is NOT_APPLICABLE with {@link #NOT_ASSESSED} as its reason, so the
 * report says the management root was not assessed and how to assess it.
 *
 * @param roleConfigured whether {@code rootaudit.management-account.role-arn} is set
 */
record ManagementRootAccess(boolean roleConfigured) {

    static final String NOT_ASSESSED = "management account root not assessed: sts:AssumeRoot cannot target the "
            + "management account, and this run neither ran in it nor had rootaudit.management-account.role-arn set; "
            + "run rootaudit in the management account, or set that property to a role there "
            + "(config/iam-policy-management-root.json)";

    /** True when the run can read the management account's root. */
    boolean possible(RunRecord run) {
        return roleConfigured || runsInManagementAccount(run);
    }

    /** True when the run reads through the role: it is configured and the run does not run in the management account. */
    boolean viaRole(RunRecord run) {
        return !runsInManagementAccount(run) && roleConfigured;
    }

    static boolean runsInManagementAccount(RunRecord run) {
        return run.managementAccountId() != null && run.managementAccountId().equals(accountOf(run.callerArn()));
    }

    /** The account id of an ARN ({@code arn:partition:service:region:account:resource}), or {@code null}. */
    static String accountOf(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : null;
    }
}

package io.rootaudit.compliance;

import io.rootaudit.audit.RootCredentialInventory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A check of one member account's root user. Rules are pure functions of the inventory and the
 * context, so that a verdict can be reproduced from stored evidence and tested with literal data.
 * A credential-less root must yield no finding from any rule: it is the target state. A rule says which kinds of
 * account it applies to, because the management account's root is expected to keep a password.
 */
public interface AccountRule {

    RuleMetadata metadata();

    /** The kinds of account whose root this rule checks; every kind unless the rule says otherwise. */
    default Set<AccountKind> accountKinds() {
        return EnumSet.allOf(AccountKind.class);
    }

    /** The deviations found, in a deterministic order; empty when the account passes. */
    List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context);
}

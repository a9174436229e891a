package io.rootaudit.compliance;

import io.rootaudit.audit.RootCredentialInventory;
import java.util.List;

/**
 * A check of one member account's root user. Rules are pure functions of the inventory and the
 * context, so that a verdict can be reproduced from stored evidence and tested with literal data.
 * A credential-less root must yield no finding from any rule: it is the target state.
 */
public interface AccountRule {

    RuleMetadata metadata();

    /** The deviations found, in a deterministic order; empty when the account passes. */
    List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context);
}

package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.AccessKey;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
final class RootAccessKeyInactive implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-access-key-inactive",
            "Root user has an inactive access key",
            Severity.MEDIUM,
            "An inactive root access key cannot sign requests, but anyone who can sign in as root can"
                    + " reactivate it, and CIS and Security Hub require that no root access key exists at all,"
                    + " whatever its status. It is reported apart from active keys, at lower severity, so that"
                    + " it is neither ignored nor counted twice. Deleting it moves the root toward the"
                    + " credential-less state, for which CIS v5.0 notes that MFA is neither possible nor"
                    + " necessary; this rule never asks for MFA.",
            "Delete the key: run rootaudit's remediation (sts:AssumeRoot with the IAMDeleteRootUserCredentials"
                    + " task policy, iam:DeleteAccessKey), or in the management account's IAM console, Root"
                    + " access management > select the account > Take privileged action > Delete root user"
                    + " credentials.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        return inventory.accessKeys().stream()
                .filter(key -> !key.isActive())
                .map(key -> METADATA.finding(
                        "Access key " + key.accessKeyId() + " is inactive, created " + Describe.day(key.createdAt())
                                + ", " + Describe.lastUse(key),
                        key.accessKeyId()))
                .toList();
    }
}

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
final class RootAccessKeyActive implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-access-key-active",
            "Root user has an active access key",
            Severity.CRITICAL,
            "An active root access key gives unrestricted, MFA-less programmatic access to the account"
                    + " that no IAM policy can limit (only SCPs can). CIS and Security Hub require that no"
                    + " root access key exists. Removing it is also a step toward a credential-less root, for"
                    + " which CIS v5.0 notes that MFA is neither possible nor necessary; this rule never asks"
                    + " for MFA.",
            "Delete the key: run rootaudit's remediation, which opens an sts:AssumeRoot session with the"
                    + " IAMDeleteRootUserCredentials task policy and calls iam:DeleteAccessKey; or, in the"
                    + " management account's IAM console, Root access management > select the account >"
                    + " Take privileged action > Delete root user credentials. Move any workload still using"
                    + " the key to an IAM role first.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        return inventory.accessKeys().stream()
                .filter(AccessKey::isActive)
                .map(key -> METADATA.finding(
                        "Access key " + key.accessKeyId() + " is active, created " + Describe.day(key.createdAt())
                                + ", " + Describe.lastUse(key),
                        key.accessKeyId()))
                .toList();
    }
}

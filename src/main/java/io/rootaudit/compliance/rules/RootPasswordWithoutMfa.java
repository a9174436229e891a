package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
final class RootPasswordWithoutMfa implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-password-without-mfa",
            "Root user has a password and no MFA device",
            Severity.CRITICAL,
            "A root password without MFA lets anyone who learns or resets it take over the account. The"
                    + " rule fires only when a password exists: CIS v5.0 notes that once root credentials are"
                    + " removed under centralized root access, MFA is neither possible nor necessary (1.4"
                    + " passes when password_enabled is false), and Security Hub IAM.9 passes too, so a"
                    + " credential-less root is never reported here. Having no MFA device at all also fails"
                    + " the hardware-MFA controls (CIS's hardware MFA recommendation, Security Hub IAM.6); they are"
                    + " mapped to this rule too, and root-mfa-virtual-only stays silent, so that the missing MFA"
                    + " counts as one finding.",
            "In a member account, preferred: delete the password with rootaudit's remediation (sts:AssumeRoot with the"
                    + " IAMDeleteRootUserCredentials task policy, iam:DeleteLoginProfile) or in the IAM console"
                    + " (Root access management > select the account > Take privileged action > Delete root"
                    + " user credentials); recover it later with the IAMCreateRootUserPassword task if ever"
                    + " needed. In the management account, whose root keeps its password, or if the password must"
                    + " stay, sign in as root and assign a FIDO security key or hardware TOTP token (Security"
                    + " credentials > Assign MFA device).");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        if (!inventory.hasPassword() || !inventory.mfaDevices().isEmpty()) {
            return List.of();
        }
        // The management account's root is read without its password's creation date: say nothing rather than "unknown".
        String created = inventory.password().createdAt() == null ? ""
                : " (created " + Describe.day(inventory.password().createdAt()) + ")";
        return List.of(METADATA.finding("Root has a console password" + created + " and no MFA device", null));
    }
}

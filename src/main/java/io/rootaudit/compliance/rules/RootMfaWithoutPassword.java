package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountKind;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
final class RootMfaWithoutPassword implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-mfa-without-password",
            "Root user has an MFA device but no password",
            Severity.LOW,
            "An MFA device left behind after the password was deleted protects nothing, since MFA only"
                    + " guards console sign-in, and it keeps the root from being cleanly credential-less,"
                    + " which makes its state harder to attest. No framework maps it to a control: CIS v5.0.0 says"
                    + " MFA is neither possible nor necessary once root credentials are removed (its 1.4 passes"
                    + " when password_enabled is false), and Security Hub IAM.6 and IAM.9 pass without a password."
                    + " It applies to member accounts only: the management account's root is expected to keep its"
                    + " password, with hardware or FIDO MFA.",
            "Deactivate the device with rootaudit's remediation (sts:AssumeRoot with the"
                    + " IAMDeleteRootUserCredentials task policy, iam:DeactivateMFADevice), or in the IAM"
                    + " console: Root access management > select the account > Take privileged action > Delete"
                    + " root user credentials. Deleting a virtual device afterwards may be denied to the task"
                    + " policy; that is harmless once it is deactivated.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    /**
     * Only member accounts: the management account's root is expected to keep a password, and its MFA is judged by
     * root-password-without-mfa and root-mfa-virtual-only.
     */
    @Override
    public Set<AccountKind> accountKinds() {
        return Set.of(AccountKind.MEMBER);
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        if (inventory.hasPassword()) {
            return List.of();
        }
        return inventory.mfaDevices().stream()
                .map(device -> METADATA.finding(
                        "MFA device " + device.serialNumber() + " (" + device.type().name().toLowerCase()
                                + ", enabled " + Describe.day(device.enabledAt()) + ") remains, but root has no password",
                        device.serialNumber()))
                .toList();
    }
}

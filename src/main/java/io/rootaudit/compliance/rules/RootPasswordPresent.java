package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.Password;
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
final class RootPasswordPresent implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-password-present",
            "Root user has a console password",
            Severity.HIGH,
            "Under centralized root access, which CIS v7.0.0 asks for, member-account roots are meant to have"
                    + " no credentials: privileged tasks go through short sts:AssumeRoot sessions, and a password"
                    + " can be recovered when truly needed. Any password, even one protected by hardware MFA,"
                    + " keeps a standing way to use root, which CIS asks to eliminate. This is a different deviation"
                    + " from missing MFA, which root-password-without-mfa reports against the MFA controls."
                    + " Once the password is deleted, MFA is neither possible nor necessary, as CIS v5.0 notes."
                    + " It applies to member accounts only: sts:AssumeRoot cannot reach the management account's"
                    + " root, which is expected to keep its password, with hardware or FIDO MFA.",
            "Delete the password with rootaudit's remediation (sts:AssumeRoot with the"
                    + " IAMDeleteRootUserCredentials task policy, iam:DeleteLoginProfile), or in the management"
                    + " account's IAM console: Root access management > select the account > Take privileged"
                    + " action > Delete root user credentials. Use the IAMCreateRootUserPassword task to allow"
                    + " password recovery later if a root-only task requires it.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    /**
     * Only member accounts: the management account's root is expected to keep its password (with hardware or FIDO
     * MFA), because sts:AssumeRoot cannot reach it and a password is its only way to sign in.
     */
    @Override
    public Set<AccountKind> accountKinds() {
        return Set.of(AccountKind.MEMBER);
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        if (!inventory.hasPassword()) {
            return List.of();
        }
        Password password = inventory.password();
        String lastUse = password.lastUsedAt() == null ? "never used" : "last used " + Describe.day(password.lastUsedAt());
        return List.of(METADATA.finding(
                "Root has a console password, created " + Describe.day(password.createdAt()) + ", " + lastUse,
                null));
    }
}

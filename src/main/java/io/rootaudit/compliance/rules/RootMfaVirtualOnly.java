package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.audit.RootCredentialInventory.MfaDevice;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
final class RootMfaVirtualOnly implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-mfa-virtual-only",
            "Root password is protected only by virtual MFA",
            Severity.HIGH,
            "A virtual MFA device lives on a phone or computer that can be cloned or compromised; CIS and"
                    + " Security Hub ask root to use a hardware device. FIDO security keys and hardware TOTP"
                    + " tokens both count as hardware-backed, so a root with a virtual and a FIDO device"
                    + " passes. The rule needs a password and at least one MFA device: a password without any"
                    + " MFA is root-password-without-mfa's single finding, and a root without password needs"
                    + " no MFA at all, as CIS v5.0 notes for roots whose credentials were removed under"
                    + " centralized root access (Security Hub IAM.6 passes then too). For the management account's root,"
                    + " read from inside the account, only virtual devices are listed by serial: a hardware or FIDO"
                    + " device beside a virtual one cannot be seen there, so the finding may need that check by hand.",
            "In a member account, preferred: delete the root password and MFA devices with rootaudit's remediation"
                    + " (sts:AssumeRoot with the IAMDeleteRootUserCredentials task policy) or in the IAM console (Root"
                    + " access management > select the account > Take privileged action > Delete root user"
                    + " credentials). In the management account, whose root keeps its password, or wherever the"
                    + " password must stay: sign in as root, assign a FIDO security key or hardware TOTP token, then"
                    + " remove the virtual device.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        List<MfaDevice> devices = inventory.mfaDevices();
        boolean virtualOnly = !devices.isEmpty() && devices.stream().noneMatch(d -> d.type().isHardwareBacked());
        if (!inventory.hasPassword() || !virtualOnly) {
            return List.of();
        }
        String serials = devices.stream().map(MfaDevice::serialNumber).collect(Collectors.joining(", "));
        return List.of(METADATA.finding(
                "Root has a console password and only virtual MFA: " + serials, null));
    }
}

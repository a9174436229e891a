package io.rootaudit.compliance.rules;

import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountRule;
import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.RuleContext;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
final class RootCredentialsRecentlyUsed implements AccountRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "root-credentials-recently-used",
            "Root credentials were used recently",
            Severity.HIGH,
            "CIS asks to eliminate the use of root for administrative and daily tasks; a recent sign-in or"
                    + " API call with root credentials shows root is still in use, and may indicate compromise."
                    + " Each used credential is one finding, whatever its current status, because a key that"
                    + " was deactivated after use still proves the use. Uses through sts:AssumeRoot sessions"
                    + " are not root credentials and are not counted. A credential-less root has nothing to"
                    + " use, and needs no MFA either, as CIS v5.0 notes for roots under centralized root access.",
            "Find out who used root and why (CloudTrail events with userIdentity.type Root), move the task to"
                    + " an IAM role or to an sts:AssumeRoot task session, then delete the credential with"
                    + " rootaudit's remediation (IAMDeleteRootUserCredentials task policy) or in the IAM console"
                    + " (Root access management > select the account > Take privileged action > Delete root"
                    + " user credentials).");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RootCredentialInventory inventory, RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        String window = Describe.window(context.recentUseWindow());
        if (inventory.hasPassword() && context.isRecent(inventory.password().lastUsedAt())) {
            findings.add(METADATA.finding(
                    "Root password was last used " + Describe.day(inventory.password().lastUsedAt())
                            + ", within the last " + window,
                    null));
        }
        inventory.accessKeys().stream()
                .filter(key -> context.isRecent(key.lastUsedAt()))
                .map(key -> METADATA.finding(
                        "Access key " + key.accessKeyId() + " (" + key.status().name().toLowerCase() + ") was "
                                + Describe.lastUse(key) + ", within the last " + window,
                        key.accessKeyId()))
                .forEach(findings::add);
        return List.copyOf(findings);
    }
}

package io.rootaudit.compliance.rules;

import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.OrganizationPosture;
import io.rootaudit.compliance.OrganizationRule;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
final class OrgRootCredentialsManagementDisabled implements OrganizationRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "org-root-credentials-management-disabled",
            "Centralized root credentials management is disabled",
            Severity.HIGH,
            "Without the RootCredentialsManagement feature the organization cannot delete or recover member"
                    + " root credentials, and new accounts are created with a root password. CIS v7.0.0 asks for"
                    + " centralized root access in AWS Organizations; it is also what makes credential-less roots,"
                    + " for which CIS v5.0.0 says MFA is neither possible nor necessary, the normal state.",
            "From the management account, enable trusted access for iam.amazonaws.com, then run"
                    + " 'aws iam enable-organizations-root-credentials-management', or in the IAM console:"
                    + " Root access management > Enable, with Root credentials management selected.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(OrganizationPosture posture) {
        if (posture.rootCredentialsManagementEnabled()) {
            return List.of();
        }
        return List.of(METADATA.finding("The organization's RootCredentialsManagement feature is not enabled", null));
    }
}

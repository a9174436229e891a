package io.rootaudit.compliance.rules;

import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.OrganizationPosture;
import io.rootaudit.compliance.OrganizationRule;
import io.rootaudit.compliance.RuleMetadata;
import io.rootaudit.compliance.Severity;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
final class OrgRootSessionsDisabled implements OrganizationRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "org-root-sessions-disabled",
            "Privileged root sessions are disabled",
            Severity.MEDIUM,
            "Without the RootSessions feature, sts:AssumeRoot is refused, so root-only tasks (unlocking an"
                    + " S3 bucket or SQS queue policy, deleting root credentials) push operators back to"
                    + " signing in as root, which defeats credential-less roots. CIS v7.0.0's recommendation on"
                    + " centralized root access covers both features; this one is less severe because its absence"
                    + " blocks the remedy rather than leaving credentials in place.",
            "From the management account, enable trusted access for iam.amazonaws.com, then run"
                    + " 'aws iam enable-organizations-root-sessions', or in the IAM console: Root access"
                    + " management > Enable, with Privileged root actions in member accounts selected.");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(OrganizationPosture posture) {
        if (posture.rootSessionsEnabled()) {
            return List.of();
        }
        return List.of(METADATA.finding("The organization's RootSessions feature is not enabled", null));
    }
}

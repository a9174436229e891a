package io.rootaudit.compliance;

import java.util.List;

/**
 * A check of the organization's root access settings. Kept apart from account rules because its
 * finding concerns the organization once, not every member account.
 */
public interface OrganizationRule {

    RuleMetadata metadata();

    /** The deviations found; empty when the organization passes. */
    List<Finding> evaluate(OrganizationPosture posture);
}

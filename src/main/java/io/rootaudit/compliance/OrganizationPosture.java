package io.rootaudit.compliance;

/**
 * The organization-level IAM features (iam:ListOrganizationsFeatures) that centralized root access
 * depends on; an organization without them cannot keep member roots credential-less.
 *
 * @param rootCredentialsManagementEnabled the RootCredentialsManagement feature is enabled
 * @param rootSessionsEnabled the RootSessions feature (sts:AssumeRoot) is enabled
 */
public record OrganizationPosture(boolean rootCredentialsManagementEnabled, boolean rootSessionsEnabled) {}

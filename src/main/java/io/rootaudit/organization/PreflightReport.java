package io.rootaudit.organization;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What preflight found about the caller and the organization. It is stored with every run, because the
 * organization-level controls (centralized root access enabled: CIS v7.0 2.1.1) are evidence too.
 *
 * @param organization {@code null} when the organization could not be read
 * @param enabledFeatures IAM's enabled root access features; empty when they could not be read
 */
public record PreflightReport(String callerArn, String callerAccountId, CallerRole callerRole,
                              OrganizationInfo organization, Set<String> enabledFeatures,
                              List<PrerequisiteCheck> checks) {

    public static final String ROOT_CREDENTIALS_MANAGEMENT = "RootCredentialsManagement";
    public static final String ROOT_SESSIONS = "RootSessions";

    public PreflightReport {
        enabledFeatures = enabledFeatures == null ? Set.of() : Set.copyOf(enabledFeatures);
        checks = List.copyOf(checks);
    }

    public enum CallerRole { MANAGEMENT_ACCOUNT, DELEGATED_ADMINISTRATOR, OTHER, UNKNOWN }

    public boolean passed() {
        return checks.stream().noneMatch(PrerequisiteCheck::failed);
    }

    public Optional<PrerequisiteCheck> firstFailure() {
        return checks.stream().filter(PrerequisiteCheck::failed).findFirst();
    }

    public boolean rootCredentialsManagementEnabled() {
        return enabledFeatures.contains(ROOT_CREDENTIALS_MANAGEMENT);
    }

    public boolean rootSessionsEnabled() {
        return enabledFeatures.contains(ROOT_SESSIONS);
    }
}

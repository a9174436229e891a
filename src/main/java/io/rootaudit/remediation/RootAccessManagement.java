package io.rootaudit.remediation;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.organization.OrganizationDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * The one place that turns centralized root access on: trusted access for IAM in Organizations, then IAM's
 * RootCredentialsManagement and RootSessions features. Idempotent: it changes only what is off.
 */
@Component
public class RootAccessManagement {

    private final Supplier<OrganizationsClient> organizations;
    private final Supplier<IamClient> iam;
    private final OrganizationDirectory directory;

    RootAccessManagement(AwsClients clients, OrganizationDirectory directory) {
        this.organizations = clients::organizations;
        this.iam = clients::iam;
        this.directory = directory;
    }

    /** What is off now, in the order it would be turned on. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!directory.trustedServices().contains(OrganizationDirectory.IAM_SERVICE_PRINCIPAL)) {
            missing.add(TRUSTED_ACCESS);
        }
        Set<String> features = missing.isEmpty() ? directory.enabledRootAccessFeatures() : Set.of();
        for (String feature : List.of("RootCredentialsManagement", "RootSessions")) {
            if (!features.contains(feature)) {
                missing.add(feature);
            }
        }
        return missing;
    }

    public static final String TRUSTED_ACCESS = "trusted access for iam.amazonaws.com";

    /** Turns on what {@link #missing()} lists. */
    public void enable(List<String> missing) {
        for (String item : missing) {
            switch (item) {
                case TRUSTED_ACCESS -> organizations.get().enableAWSServiceAccess(r -> r.servicePrincipal(OrganizationDirectory.IAM_SERVICE_PRINCIPAL));
                case "RootCredentialsManagement" -> iam.get().enableOrganizationsRootCredentialsManagement(r -> {});
                case "RootSessions" -> iam.get().enableOrganizationsRootSessions(r -> {});
                default -> throw new IllegalArgumentException(item);
            }
        }
    }
}

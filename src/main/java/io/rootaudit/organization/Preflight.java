package io.rootaudit.organization;

import io.rootaudit.aws.AwsClients;
import io.rootaudit.aws.AwsPartition;
import io.rootaudit.aws.EndpointUnreachableException;
import io.rootaudit.config.RootAuditProperties;
import io.rootaudit.organization.PreflightReport.CallerRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Checks, before anything is audited or written, that the caller can run the audit: credentials, an
 * organization with all features, a management or IAM delegated-administrator caller, trusted access for
 * IAM, and the RootCredentialsManagement and RootSessions features. Checks run in dependency order; once
 * one fails, the ones that depend on it are reported as not checked. A check whose AWS endpoint could not be reached
 * says so and names the endpoint, instead of blaming credentials or permissions it never got to check.
 */
@Component
public class Preflight {

    private static final String ENABLE_FEATURES_FIX = "from the management account run "
            + "'aws iam enable-organizations-root-credentials-management' and "
            + "'aws iam enable-organizations-root-sessions' (or enable them under IAM > Root access management)";

    private static final String TRUSTED_ACCESS_FIX = "from the management account run "
            + "'aws organizations enable-aws-service-access --service-principal iam.amazonaws.com'";

    private final Supplier<StsClient> sts;
    private final OrganizationDirectory directory;
    private final RootAuditProperties properties;
    private final List<AdditionalPrerequisites> additional;

    Preflight(AwsClients clients, OrganizationDirectory directory, RootAuditProperties properties,
              List<AdditionalPrerequisites> additional) {
        this.sts = clients::sts;
        this.directory = directory;
        this.properties = properties;
        this.additional = additional;
    }

    public PreflightReport run() {
        List<PrerequisiteCheck> checks = new ArrayList<>();
        GetCallerIdentityResponse identity;
        try {
            identity = sts.get().getCallerIdentity();
            checks.add(PrerequisiteCheck.passed("credentials", "AWS credentials", "caller " + identity.arn()));
        } catch (SdkException e) {
            checks.add(PrerequisiteCheck.failed("credentials", "AWS credentials", describe(e), e,
                    "provide credentials of the management account or the IAM delegated administrator through the "
                            + "standard AWS chain (AWS_PROFILE, 'aws sso login', environment variables, instance role)"));
            return remaining(checks, null, null, CallerRole.UNKNOWN, null, Set.of());
        }
        if (AwsPartition.isRootUserArn(identity.arn())) {
            checks.add(PrerequisiteCheck.failed("caller", "Caller", "the caller is a root user: " + identity.arn(),
                    "use an IAM role or user: root user credentials cannot call sts:AssumeRoot"));
            return remaining(checks, identity.arn(), identity.account(), CallerRole.OTHER, null, Set.of());
        }

        OrganizationInfo org;
        try {
            org = directory.describeOrganization();
        } catch (SdkException e) {
            checks.add(PrerequisiteCheck.failed("organization", "AWS Organization", describe(e), e,
                    "run rootaudit with credentials of an account that belongs to an AWS Organization "
                            + "(its management account or the IAM delegated administrator)"));
            return remaining(checks, identity.arn(), identity.account(), CallerRole.UNKNOWN, null, Set.of());
        }
        checks.add(PrerequisiteCheck.passed("organization", "AWS Organization",
                org.id() + ", management account " + org.managementAccountId()));
        if (!org.hasAllFeatures()) {
            checks.add(PrerequisiteCheck.failed("all-features", "All features enabled",
                    "feature set is " + org.featureSet(),
                    "enable all features in the organization (Organizations console > Settings); centralized root "
                            + "access requires it"));
            return remaining(checks, identity.arn(), identity.account(), CallerRole.UNKNOWN, org, Set.of());
        }
        checks.add(PrerequisiteCheck.passed("all-features", "All features enabled", "feature set ALL"));

        CallerRole role;
        try {
            role = roleOf(identity.account(), org);
        } catch (SdkException e) {
            Optional<EndpointUnreachableException> unreachable = EndpointUnreachableException.in(e);
            if (unreachable.isPresent()) { // the delegated administrators could not be read: that says nothing about the caller
                checks.add(PrerequisiteCheck.unreachable("caller-account",
                        "Caller is management account or IAM delegated administrator", unreachable.get()));
                return remaining(checks, identity.arn(), identity.account(), CallerRole.UNKNOWN, org, Set.of());
            }
            role = CallerRole.OTHER;
        }
        if (role == CallerRole.OTHER) {
            checks.add(PrerequisiteCheck.failed("caller-account", "Caller is management account or IAM delegated administrator",
                    "account " + identity.account() + " is neither the management account (" + org.managementAccountId()
                            + ") nor the delegated administrator for " + OrganizationDirectory.IAM_SERVICE_PRINCIPAL,
                    "run from the management account, or register this account with "
                            + "'aws organizations register-delegated-administrator --service-principal iam.amazonaws.com --account-id "
                            + identity.account() + "'"));
            return remaining(checks, identity.arn(), identity.account(), role, org, Set.of());
        }
        checks.add(PrerequisiteCheck.passed("caller-account", "Caller is management account or IAM delegated administrator",
                role == CallerRole.MANAGEMENT_ACCOUNT ? "management account" : "IAM delegated administrator"));

        try {
            if (!directory.trustedServices().contains(OrganizationDirectory.IAM_SERVICE_PRINCIPAL)) {
                checks.add(trustedAccessMissing("iam.amazonaws.com is not among the trusted services"));
                return remaining(checks, identity.arn(), identity.account(), role, org, Set.of());
            }
        } catch (SdkException e) {
            checks.add(PrerequisiteCheck.failed("trusted-access", "Trusted access for IAM", describe(e), e, TRUSTED_ACCESS_FIX));
            return remaining(checks, identity.arn(), identity.account(), role, org, Set.of());
        }
        checks.add(PrerequisiteCheck.passed("trusted-access", "Trusted access for IAM", "iam.amazonaws.com enabled"));

        Set<String> features;
        try {
            features = directory.enabledRootAccessFeatures();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String fix = code.startsWith("ServiceAccessNotEnabled")
                    ? "enable trusted access for IAM: 'aws organizations enable-aws-service-access --service-principal iam.amazonaws.com'"
                    : "allow iam:ListOrganizationsFeatures to the caller (see config/iam-policy-audit.json)";
            checks.add(PrerequisiteCheck.failed("root-access-features", "Centralized root access features", describe(e), fix));
            return remaining(checks, identity.arn(), identity.account(), role, org, Set.of());
        } catch (SdkException e) {
            EndpointUnreachableException unreachable = EndpointUnreachableException.in(e).orElseThrow(() -> e);
            checks.add(PrerequisiteCheck.unreachable("root-access-features", "Centralized root access features", unreachable));
            return remaining(checks, identity.arn(), identity.account(), role, org, Set.of());
        }
        checks.add(featureCheck(features, PreflightReport.ROOT_CREDENTIALS_MANAGEMENT, "root-credentials-management",
                properties.preflight().requireRootCredentialsManagement()));
        checks.add(featureCheck(features, PreflightReport.ROOT_SESSIONS, "root-sessions", true));
        CallerRole callerRole = role;
        additional.forEach(a -> checks.addAll(a.check(callerRole)));
        return new PreflightReport(identity.arn(), identity.account(), role, org, features, checks);
    }

    private CallerRole roleOf(String callerAccount, OrganizationInfo org) {
        if (callerAccount.equals(org.managementAccountId())) {
            return CallerRole.MANAGEMENT_ACCOUNT;
        }
        return directory.delegatedAdministrators(OrganizationDirectory.IAM_SERVICE_PRINCIPAL).contains(callerAccount)
                ? CallerRole.DELEGATED_ADMINISTRATOR : CallerRole.OTHER;
    }

    private static PrerequisiteCheck trustedAccessMissing(String detail) {
        return PrerequisiteCheck.failed("trusted-access", "Trusted access for IAM", detail, TRUSTED_ACCESS_FIX);
    }

    private static PrerequisiteCheck featureCheck(Set<String> enabled, String feature, String id, boolean required) {
        String title = feature + " enabled";
        if (enabled.contains(feature)) {
            return PrerequisiteCheck.passed(id, title, feature + " is enabled");
        }
        String detail = feature + " is not enabled";
        return required ? PrerequisiteCheck.failed(id, title, detail, ENABLE_FEATURES_FIX)
                : PrerequisiteCheck.warning(id, title, detail, ENABLE_FEATURES_FIX);
    }

    /** Adds the checks that were not reached, so every report lists the same prerequisites. */
    private static PreflightReport remaining(List<PrerequisiteCheck> checks, String arn, String account, CallerRole role,
                                             OrganizationInfo org, Set<String> features) {
        String[][] all = {
                {"credentials", "AWS credentials"}, {"caller", "Caller"}, {"organization", "AWS Organization"},
                {"all-features", "All features enabled"},
                {"caller-account", "Caller is management account or IAM delegated administrator"},
                {"trusted-access", "Trusted access for IAM"},
                {"root-access-features", "Centralized root access features"},
                {"root-credentials-management", "RootCredentialsManagement enabled"},
                {"root-sessions", "RootSessions enabled"}};
        Set<String> present = new java.util.HashSet<>();
        checks.forEach(c -> present.add(c.id()));
        for (String[] c : all) {
            if (!present.contains(c[0]) && !c[0].equals("caller") && !c[0].equals("root-access-features")) {
                checks.add(PrerequisiteCheck.notChecked(c[0], c[1]));
            }
        }
        return new PreflightReport(arn, account, role, org, features, checks);
    }

    /** Error code and message of an AWS failure, safe to show: AWS error messages carry no credentials. */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            return ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
        }
        Optional<EndpointUnreachableException> unreachable = EndpointUnreachableException.in(e);
        if (unreachable.isPresent()) {
            return unreachable.get().getMessage();
        }
        if (e instanceof SdkClientException) {
            return "client error: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}

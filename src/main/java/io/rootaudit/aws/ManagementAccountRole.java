package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The one place that calls sts:AssumeRole: from the IAM delegated administrator, rootaudit reads the management
 * account's root through the role {@code rootaudit.management-account.role-arn} names, because sts:AssumeRoot cannot
 * target the management account. The session's credentials never leave {@link Session}.
 */
@Component
public class ManagementAccountRole {

    /** Seen in the management account's CloudTrail as the session name of every read. */
    public static final String SESSION_NAME = "rootaudit-management-root";

    private static final int DURATION_SECONDS = 900;

    private final Supplier<StsClient> sts;
    private final String roleArn;

    ManagementAccountRole(AwsClients clients, RootAuditProperties properties) {
        this.sts = clients::sts;
        this.roleArn = properties.managementAccount().hasRole() ? properties.managementAccount().roleArn() : null;
    }

    /** True when a role is configured. */
    public boolean configured() {
        return roleArn != null;
    }

    /** The configured role's ARN, or {@code null}. */
    public String roleArn() {
        return roleArn;
    }

    /**
     * A 15-minute session in the configured role.
     *
     * @throws software.amazon.awssdk.awscore.exception.AwsServiceException when AWS refuses, for example AccessDenied
     *     because the role's trust policy does not name the caller
     * @throws IllegalStateException when no role is configured
     */
    public Session assume() {
        if (roleArn == null) {
            throw new IllegalStateException("rootaudit.management-account.role-arn is not set");
        }
        AssumeRoleResponse response = sts.get().assumeRole(r -> r.roleArn(roleArn).roleSessionName(SESSION_NAME)
                .durationSeconds(DURATION_SECONDS));
        Credentials c = response.credentials();
        return new Session(response.assumedRoleUser() == null ? null : response.assumedRoleUser().arn(),
                SessionCredentials.of(c), c.expiration());
    }

    /** A session in the management account's role. */
    public static final class Session extends StsSession {
        private final String assumedRoleArn;

        Session(String assumedRoleArn, SessionCredentials credentials, Instant expiration) {
            super(credentials, expiration);
            this.assumedRoleArn = assumedRoleArn;
        }

        public String assumedRoleArn() {
            return assumedRoleArn;
        }

        @Override
        public String toString() {
            return "ManagementAccountRole.Session[" + assumedRoleArn + ", expires=" + expiration() + "]";
        }
    }
}

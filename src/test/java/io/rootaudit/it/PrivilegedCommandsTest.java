package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import tools.jackson.databind.JsonNode;

/** The privileged commands against the emulator; none of them runs without --yes when there is no terminal. */
@ExtendWith(EmulatorExtension.class)
class PrivilegedCommandsTest {

    static final String MEMBER = "310000000001";
    static final String OTHER = "310000000002";
    static final String LOCKED_OUT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    @TempDir
    Path work;

    Emulator emulator;

    @BeforeEach
    void organization(Emulator fresh) {
        emulator = fresh;
        emulator.createOrganization(Orgs.simple(3));
    }

    @Test
    void allowRecoveryShowsInTheAuditAndIsRelockedAfterTheGracePeriod() throws Exception {
        Invocation allow = Invocation.run(emulator, work, "allow-recovery", "--account", MEMBER, "--reason",
                "lost MFA device, owner needs console access", "--ticket", "INC-42", "--yes");
        assertThat(allow.exitCode()).isZero();
        assertThat(emulator.rootState(MEMBER).get("password").isObject()).isTrue();

        Invocation during = Invocation.run(emulator, work, "audit", "--rootaudit.remediation.mode=apply",
                "--rootaudit.remediation.acknowledge-no-exceptions-file=true", "--rootaudit.period=2026-10");
        JsonNode account = during.account(MEMBER);
        assertThat(account.get("statusReason").asString()).contains("recovery in progress").contains("INC-42")
                .contains("lost MFA device");
        assertThat(emulator.rootState(MEMBER).get("password").isObject()).isTrue();
        assertThat(during.out()).contains("SKIPPED_RECOVERY_IN_PROGRESS=1");

        // Two hours later, with a one-hour grace period, the recovered password is fair game again.
        emulator.setRootState(MEMBER, Map.of("password", Map.of("createDate",
                java.time.Instant.now().minus(java.time.Duration.ofHours(2)).toString())));
        Invocation after = Invocation.run(emulator, work, "audit", "--rootaudit.remediation.mode=apply",
                "--rootaudit.remediation.acknowledge-no-exceptions-file=true",
                "--rootaudit.remediation.grace-period=1h", "--rootaudit.period=2026-11");
        assertThat(after.out()).contains("REMEDIATED=1");
        assertThat(emulator.rootState(MEMBER).get("password").isNull()).isTrue();
        try (var c = after.database(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT command, caller_arn, reason, ticket, result FROM ra_privileged_action")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("command")).isEqualTo("allow-recovery");
            assertThat(rs.getString("caller_arn")).contains("123456789012");
            assertThat(rs.getString("ticket")).isEqualTo("INC-42");
            assertThat(rs.getString("result")).isEqualTo("DONE");
        }
    }

    @Test
    void withoutYesAndWithoutATerminalNothingIsChanged() {
        emulator.setRootState(MEMBER, Map.of("accessKeys", List.of(Map.of("status", "Active", "createDate", "2024-01-01T00:00:00Z"))));
        Invocation run = Invocation.run(emulator, work, "delete-root-credentials", "--account", MEMBER);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("add --yes");
        assertThat(emulator.rootState(MEMBER).get("accessKeys")).hasSize(1);
    }

    @Test
    void deleteRootCredentialsRemovesThemAndRefusesUnsafeTargets() throws Exception {
        emulator.setRootState(MEMBER, Map.of("accessKeys", List.of(Map.of("status", "Active", "createDate", "2024-01-01T00:00:00Z")),
                "password", Map.of("createDate", "2024-01-01T00:00:00Z")));
        Invocation dry = Invocation.run(emulator, work, "delete-root-credentials", "--account", MEMBER, "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("DRY_RUN").contains("DELETE_ACCESS_KEY").contains("DELETE_LOGIN_PROFILE");
        assertThat(emulator.rootState(MEMBER).get("accessKeys")).hasSize(1);

        Invocation done = Invocation.run(emulator, work, "delete-root-credentials", "--account", MEMBER, "--yes");
        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).contains("REMEDIATED");
        assertThat(emulator.rootState(MEMBER).get("accessKeys")).isEmpty();

        Invocation management = Invocation.run(emulator, work, "delete-root-credentials", "--account", "123456789012", "--yes");
        assertThat(management.exitCode()).isEqualTo(2);
        assertThat(management.err()).contains("management account");

        emulator.setRootState(OTHER, Map.of("password", Map.of("createDate", "2024-01-01T00:00:00Z")));
        Path exceptions = Files.writeString(work.resolve("exceptions.yml"), """
                - account: "%s"
                  reason: break-glass
                  approver: ciso@example.com
                  ticket: SEC-9
                  expires: 2099-01-01
                """.formatted(OTHER));
        Invocation excepted = Invocation.run(emulator, work, "delete-root-credentials", "--account", OTHER, "--yes",
                "--rootaudit.exceptions-file=" + exceptions);
        assertThat(excepted.exitCode()).isEqualTo(2);
        assertThat(excepted.err()).contains("SEC-9");
        assertThat(emulator.rootState(OTHER).get("password").isObject()).isTrue();
        assertThat(done.count("SELECT COUNT(*) FROM ra_privileged_action")).isEqualTo(4);
    }

    /** The command keeps to rootaudit.remediation.scope like the run does, nested OUs included (found with ListParents). */
    @Test
    void deleteRootCredentialsStaysInsideTheRemediationScope(Emulator fresh) {
        emulator = fresh;
        String alpha = emulator.createOrganization(Orgs.simple(3)).get("ous").get("a").asString();
        Map<String, Object> key = Map.of("accessKeys", List.of(Map.of("status", "Active", "createDate", "2024-01-01T00:00:00Z")));
        emulator.setRootState(MEMBER, key); // in Beta, inside Alpha
        emulator.setRootState(OTHER, key); // in Gamma
        String scope = "--rootaudit.remediation.scope.organizational-units=" + alpha;

        Invocation outside = Invocation.run(emulator, work, "delete-root-credentials", "--account", OTHER, "--yes", scope);
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.err()).contains("outside rootaudit.remediation.scope");
        assertThat(emulator.rootState(OTHER).get("accessKeys")).hasSize(1);

        Invocation inside = Invocation.run(emulator, work, "delete-root-credentials", "--account", MEMBER, "--yes", scope);
        assertThat(inside.exitCode()).isZero();
        assertThat(emulator.rootState(MEMBER).get("accessKeys")).isEmpty();
    }

    @Test
    void unlockS3BucketPolicyShowsThenDeletesIt() {
        emulator.createBucket(MEMBER, "locked-bucket", LOCKED_OUT);
        Invocation dry = Invocation.run(emulator, work, "unlock-s3-bucket-policy", "--account", MEMBER, "--bucket",
                "locked-bucket", "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("\"Effect\":\"Deny\"");
        assertThat(emulator.bucketPolicy(MEMBER, "locked-bucket")).isNotNull();

        Invocation done = Invocation.run(emulator, work, "unlock-s3-bucket-policy", "--account", MEMBER, "--bucket",
                "locked-bucket", "--yes");
        assertThat(done.exitCode()).isZero();
        assertThat(emulator.bucketPolicy(MEMBER, "locked-bucket")).isNull();
    }

    @Test
    void unlockSqsQueuePolicyRemovesIt() {
        String url = emulator.createQueue(MEMBER, "locked-queue", LOCKED_OUT);
        Invocation done = Invocation.run(emulator, work, "unlock-sqs-queue-policy", "--account", MEMBER, "--queue-url",
                url, "--yes");
        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).contains("removed the queue policy");
        assertThat(emulator.queuePolicy(MEMBER, "locked-queue")).isNull();
    }

    @Test
    void enableRootAccessManagementIsIdempotent() {
        emulator.reset();
        emulator.createOrganization(Orgs.with(Orgs.with(Orgs.with(Orgs.simple(1), "trustedAccess", false),
                "rootCredentialsManagement", false), "rootSessions", false));
        assertThat(Invocation.run(emulator, work, "preflight").exitCode()).isEqualTo(5);
        Invocation enable = Invocation.run(emulator, work, "enable-root-access-management", "--yes");
        assertThat(enable.exitCode()).isZero();
        assertThat(enable.out()).contains("enabled: trusted access for iam.amazonaws.com, RootCredentialsManagement, RootSessions");
        assertThat(Invocation.run(emulator, work, "preflight").exitCode()).isZero();
        Invocation again = Invocation.run(emulator, work, "enable-root-access-management", "--yes");
        assertThat(again.out()).contains("NO_CHANGE").contains("already enabled");
    }

    /** The audit task policy can never delete: its session is denied every delete call. */
    @Test
    void anAuditSessionCannotDelete() {
        emulator.setRootState(MEMBER, Map.of("password", Map.of("createDate", "2024-01-01T00:00:00Z")));
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(emulator.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            Credentials c = sts.assumeRoot(r -> r.targetPrincipal(MEMBER)
                    .taskPolicyArn(p -> p.arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"))).credentials();
            try (IamClient iam = IamClient.builder().endpointOverride(URI.create(emulator.endpoint())).region(Region.AWS_GLOBAL)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))).build()) {
                IamException denied = org.junit.jupiter.api.Assertions.assertThrows(IamException.class, () -> iam.deleteLoginProfile(r -> {}));
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(iam.getLoginProfile(r -> {}).loginProfile()).isNotNull();
            }
        }
        assertThat(emulator.rootState(MEMBER).get("password").isObject()).isTrue();
    }
}

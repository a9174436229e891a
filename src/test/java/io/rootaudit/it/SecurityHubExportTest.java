package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * The findings export against the emulator's Security Hub over HTTP: imported, read back with GetFindings, updated in
 * place by the next month, a resolved finding passed and archived; a failed import exits 10 with the pack intact and
 * is recorded, and a retry completes it.
 */
@ExtendWith(EmulatorExtension.class)
class SecurityHubExportTest {

    static final String CALLER = "123456789012";
    static final String PRODUCT = "arn:aws:securityhub:us-east-1:" + CALLER + ":product/" + CALLER + "/default";
    static final String EXPORT = "--rootaudit.export.security-hub.enabled=true";

    @TempDir
    Path work;

    Emulator emulator;
    SecurityHubClient hub;

    @BeforeEach
    void organizationAndHub(Emulator fresh) {
        emulator = fresh;
        emulator.createOrganization(Orgs.simple(3));
        emulator.setRootState("310000000001", Map.of("password", Map.of("createDate", "2024-01-01T00:00:00Z")));
        emulator.setRootState("310000000002", Map.of("signingCertificates", List.of(Map.of("status", "Active",
                "uploadDate", "2024-01-01T00:00:00Z"))));
        hub = SecurityHubClient.builder().endpointOverride(URI.create(emulator.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void findingsAreImportedThenUpdatedInPlaceAndAResolvedOneIsArchived() {
        hub.enableSecurityHub(b -> { });
        Invocation october = Invocation.run(emulator, work, "audit", "--rootaudit.period=2026-10", EXPORT);
        assertThat(october.exitCode()).isEqualTo(3);
        String org = october.results().get("organization").get("organizationId").asString();
        String octoberRun = october.results().get("run").get("runId").asString();
        Map<String, AwsSecurityFinding> first = imported();
        assertThat(october.out()).contains("[PASSED     ] Security Hub enabled for the findings export")
                .contains("Exported to Security Hub: " + first.size() + " findings imported or updated");
        // three members with every member rule, the management account with its rules, the organization rules
        assertThat(first.size()).isGreaterThan(3 * 8);
        assertThat(first.keySet()).allMatch(id -> id.startsWith("rootaudit/" + org + "/"));
        assertThat(first.values()).allMatch(f -> f.awsAccountId().equals(CALLER) && f.productArn().equals(PRODUCT));

        AwsSecurityFinding password = first.get("rootaudit/" + org + "/310000000001/root-password-present");
        assertThat(password.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(password.recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(password.resources().get(0).id()).isEqualTo("arn:aws:iam::310000000001:root");
        assertThat(password.compliance().relatedRequirements()).isNotEmpty();
        assertThat(password.productFields()).containsEntry("rootaudit/period", "2026-10")
                .containsEntry("rootaudit/accountName", "Account 1");
        AwsSecurityFinding certificate = first.get("rootaudit/" + org + "/310000000002/root-signing-certificate-present");
        assertThat(certificate.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
        AwsSecurityFinding clean = first.get("rootaudit/" + org + "/310000000003/root-password-present");
        assertThat(clean.compliance().status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(clean.recordState()).isEqualTo(RecordState.ARCHIVED);

        // November: account 2 removed its certificate
        emulator.setRootState("310000000002", Map.of());
        Invocation november = Invocation.run(emulator, work, "audit", "--rootaudit.period=2026-11", EXPORT);
        assertThat(november.exitCode()).isEqualTo(3);
        Map<String, AwsSecurityFinding> second = imported();
        assertThat(second.keySet()).isEqualTo(first.keySet());
        assertThat(second.values()).allSatisfy(f -> {
            assertThat(f.updatedAt()).isGreaterThan(first.get(f.id()).updatedAt());
            assertThat(f.createdAt()).isEqualTo(first.get(f.id()).createdAt());
            assertThat(f.productFields()).containsEntry("rootaudit/period", "2026-11");
        });
        AwsSecurityFinding resolved = second.get(certificate.id());
        assertThat(resolved.compliance().status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(resolved.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(resolved.productFields()).containsEntry("rootaudit/change", "RESOLVED");
        assertThat(second.get(password.id()).productFields()).containsEntry("rootaudit/change", "STILL_OPEN");
        assertThat(second.get(password.id()).recordState()).isEqualTo(RecordState.ACTIVE);

        // October again: a later month is exported, so the older one is not sent over it
        Invocation stale = Invocation.run(emulator, work, "export", "--run", octoberRun, EXPORT);
        assertThat(stale.exitCode()).isEqualTo(2);
        assertThat(stale.err()).contains("not exported").contains("later completed run");
    }

    @Test
    void aFailedImportExitsTenKeepsThePackAndIsRetried() throws Exception {
        hub.enableSecurityHub(b -> { });
        emulator.addFault(Map.of("action", "BatchImportFindings", "failedFindings", 2, "code", "InvalidInput",
                "message", "injected refusal", "count", 1));
        Invocation run = Invocation.run(emulator, work, "audit", EXPORT);
        assertThat(run.exitCode()).isEqualTo(10);
        String runId = run.results().get("run").get("runId").asString();
        assertThat(run.err()).contains("exporting run " + runId + " to Security Hub failed")
                .contains(": InvalidInput: injected refusal").contains("export --run " + runId);
        assertThat(run.out()).contains("WARN").contains("injected refusal");
        assertThat(Invocation.run(emulator, work, "verify", "--path", run.runFolder().toString()).exitCode()).isZero();
        int total = imported().size() + 2;

        // the period audited again: nothing is audited, the export is retried, and this time the call fails
        emulator.addFault(Map.of("action", "BatchImportFindings", "code", "InternalException", "status", 500,
                "message", "injected outage"));
        Invocation again = Invocation.run(emulator, work, "audit", EXPORT, "--rootaudit.aws.max-attempts=1");
        assertThat(again.exitCode()).isEqualTo(10);
        assertThat(again.out()).contains("was already audited");
        assertThat(again.err()).contains("call: InternalException").contains(total + " findings not imported");

        emulator.clearFaults();
        Invocation retry = Invocation.run(emulator, work, "export", "--run", runId, EXPORT);
        assertThat(retry.exitCode()).isZero();
        assertThat(retry.out()).contains("Exported to Security Hub: " + total + " findings");
        assertThat(imported()).hasSize(total);
        assertThat(Invocation.run(emulator, work, "verify", "--path", run.runFolder().toString()).exitCode()).isZero();

        try (var db = run.database(); ResultSet rs = db.createStatement().executeQuery(
                "SELECT attempt, succeeded, findings, imported, failures_json FROM ra_finding_export ORDER BY attempt")) {
            rs.next();
            assertThat(rs.getBoolean("succeeded")).isFalse();
            assertThat(rs.getInt("imported")).isEqualTo(total - 2);
            assertThat(rs.getString("failures_json")).contains("injected refusal").contains("\"code\":\"InvalidInput\"");
            rs.next();
            assertThat(rs.getBoolean("succeeded")).isFalse();
            assertThat(rs.getString("failures_json")).contains("injected outage");
            rs.next();
            assertThat(rs.getInt("attempt")).isEqualTo(3);
            assertThat(rs.getBoolean("succeeded")).isTrue();
            assertThat(rs.getInt("imported")).isEqualTo(total);
            assertThat(rs.next()).isFalse();
        }
        // exported now: the period audited again has nothing left to do
        assertThat(Invocation.run(emulator, work, "audit", EXPORT).exitCode()).isZero();
    }

    @Test
    void preflightRefusesAnExportToAHubThatIsNotEnabled() {
        Invocation run = Invocation.run(emulator, work, "audit", EXPORT);
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).contains("[FAILED     ] Security Hub enabled for the findings export")
                .contains("aws securityhub enable-security-hub");
    }

    /** Every finding of rootaudit's product in the emulator's Security Hub, read back with GetFindings, by id. */
    private Map<String, AwsSecurityFinding> imported() {
        return hub.getFindingsPaginator(b -> b.maxResults(100).filters(f -> f.productArn(s -> s.value(PRODUCT)
                        .comparison(StringFilterComparison.EQUALS))))
                .findings().stream().collect(Collectors.toMap(AwsSecurityFinding::id, Function.identity()));
    }
}

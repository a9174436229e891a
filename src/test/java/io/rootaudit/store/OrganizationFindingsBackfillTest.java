package io.rootaudit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.organization.OrganizationInfo;
import io.rootaudit.organization.PreflightReport;
import io.rootaudit.organization.PrerequisiteCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * V2 records, for the runs of an older store, the organization findings rootaudit 0.1.0 derived from their preflight
 * whenever it reported: RootCredentialsManagement disabled (HIGH) first, then RootSessions disabled (MEDIUM).
 */
class OrganizationFindingsBackfillTest {

    private static final String CREDENTIALS = "org-root-credentials-management-disabled";
    private static final String SESSIONS = "org-root-sessions-disabled";

    @TempDir
    Path work;

    @Test
    void eachRunGetsTheFindingsOfItsEnabledFeatures() throws Exception {
        String url = "jdbc:h2:file:" + work.resolve("rootaudit").toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", "").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            insertRun(c, "both", 1, Set.of(PreflightReport.ROOT_CREDENTIALS_MANAGEMENT, PreflightReport.ROOT_SESSIONS));
            insertRun(c, "sessions-only", 2, Set.of(PreflightReport.ROOT_SESSIONS));
            insertRun(c, "credentials-only", 3, Set.of(PreflightReport.ROOT_CREDENTIALS_MANAGEMENT));
            insertRun(c, "none", 4, Set.of());
        }

        Flyway.configure().dataSource(url, "sa", "").load().migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(findings(c, "both")).isEmpty();
            assertThat(findings(c, "sessions-only")).containsExactly("0 " + CREDENTIALS + " HIGH "
                    + "The organization's RootCredentialsManagement feature is not enabled");
            assertThat(findings(c, "credentials-only")).containsExactly("0 " + SESSIONS + " MEDIUM "
                    + "The organization's RootSessions feature is not enabled");
            assertThat(findings(c, "none")).extracting(f -> f.substring(0, f.indexOf(" ", 2)))
                    .containsExactly("0 " + CREDENTIALS, "1 " + SESSIONS);
        }
    }

    /**
     * A run whose preflight is written as the audit writes it, with its checks of the features, whose texts name
     * them too; a fix even quotes the name, as an AWS error message might.
     */
    private static void insertRun(Connection c, String runId, int attempt, Set<String> features) throws Exception {
        List<PrerequisiteCheck> checks = new ArrayList<>();
        for (String feature : List.of(PreflightReport.ROOT_CREDENTIALS_MANAGEMENT, PreflightReport.ROOT_SESSIONS)) {
            String id = feature.equals(PreflightReport.ROOT_SESSIONS) ? "root-sessions" : "root-credentials-management";
            checks.add(features.contains(feature)
                    ? new PrerequisiteCheck(id, feature + " enabled", PrerequisiteCheck.Outcome.PASSED,
                            feature + " is enabled", null)
                    : new PrerequisiteCheck(id, feature + " enabled", PrerequisiteCheck.Outcome.WARNING,
                            feature + " is not enabled", "enable the feature \"" + feature + "\""));
        }
        PreflightReport preflight = new PreflightReport("arn:aws:iam::123456789012:user/audit", "123456789012",
                PreflightReport.CallerRole.MANAGEMENT_ACCOUNT, new OrganizationInfo("o-test", "arn:aws:organizations::"
                + "123456789012:organization/o-test", "123456789012", "ALL"), features, checks);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ra_run (run_id, organization_id, period, attempt, status, started_at, preflight_json)
                VALUES (?, 'o-test', '2026-10', ?, 'COMPLETED', CURRENT_TIMESTAMP, ?)""")) {
            ps.setString(1, runId);
            ps.setInt(2, attempt);
            ps.setString(3, JsonMapper.builder().build().writeValueAsString(preflight));
            ps.executeUpdate();
        }
    }

    private static List<String> findings(Connection c, String runId) throws Exception {
        List<String> findings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ordinal, rule_id, severity, detail FROM ra_organization_finding WHERE run_id = ? ORDER BY ordinal")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    findings.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
        }
        return findings;
    }
}

package io.rootaudit.store;

import static io.rootaudit.store.Columns.instant;
import static io.rootaudit.store.Columns.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The runs of the results store ({@code ra_run}): one row per audit of an organization for a period, with the
 * preflight, configuration and exceptions register it ran with, and whether it completed and was published. Its
 * accounts are in {@link AccountResultStore}, its organization findings in {@link OrganizationFindingStore}; reports,
 * history and resumption start from here.
 */
@Repository
public class RunStore {

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void createRun(RunRecord run) {
        jdbc.sql("""
                INSERT INTO ra_run (run_id, organization_id, period, attempt, status, started_at, caller_arn,
                                    management_account_id, tool_version, config_json, preflight_json, exceptions_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(run.runId(), run.organizationId(), run.period(), run.attempt(), run.status().name(),
                        ts(run.startedAt()), run.callerArn(), run.managementAccountId(), run.toolVersion(),
                        run.configJson(), run.preflightJson(), run.exceptionsJson())
                .update();
    }

    /**
     * Records the preflight of a resumed run: the latest caller, organization checks and exceptions register are
     * the ones that count.
     */
    public void updatePreflight(String runId, String callerArn, String preflightJson, String exceptionsJson) {
        jdbc.sql("UPDATE ra_run SET caller_arn = ?, preflight_json = ?, exceptions_json = ? WHERE run_id = ?")
                .params(callerArn, preflightJson, exceptionsJson, runId).update();
    }

    public void markCompleted(String runId, Instant endedAt) {
        jdbc.sql("UPDATE ra_run SET status = 'COMPLETED', ended_at = ? WHERE run_id = ?").params(ts(endedAt), runId).update();
    }

    public void markPublished(String runId, String location, Instant at) {
        jdbc.sql("UPDATE ra_run SET published_to = ?, published_at = ? WHERE run_id = ?").params(location, ts(at), runId).update();
    }

    public Optional<RunRecord> run(String runId) {
        return jdbc.sql("SELECT * FROM ra_run WHERE run_id = ?").param(runId).query(RunStore::run).optional();
    }

    /** The runs of a period, newest attempt first, across organizations. */
    public List<RunRecord> runsOfPeriod(String period) {
        return jdbc.sql("SELECT * FROM ra_run WHERE period = ? ORDER BY attempt DESC, started_at DESC")
                .param(period).query(RunStore::run).list();
    }

    /** The latest run (highest attempt) of an organization for a period. */
    public Optional<RunRecord> latestRun(String organizationId, String period) {
        return jdbc.sql("SELECT * FROM ra_run WHERE organization_id = ? AND period = ? ORDER BY attempt DESC")
                .params(organizationId, period).query(RunStore::run).list().stream().findFirst();
    }

    /** The latest completed run of the organization that started before {@code before}, other than {@code runId}. */
    public Optional<RunRecord> previousCompletedRun(String organizationId, String runId, Instant before) {
        return jdbc.sql("""
                        SELECT * FROM ra_run WHERE organization_id = ? AND run_id <> ? AND status = 'COMPLETED'
                          AND started_at < ? ORDER BY started_at DESC""")
                .params(organizationId, runId, ts(before)).query(RunStore::run).list().stream().findFirst();
    }

    /** Every run, newest first, optionally of one organization. */
    public List<RunRecord> runs(String organizationId) {
        return organizationId == null
                ? jdbc.sql("SELECT * FROM ra_run ORDER BY started_at DESC").query(RunStore::run).list()
                : jdbc.sql("SELECT * FROM ra_run WHERE organization_id = ? ORDER BY started_at DESC")
                        .param(organizationId).query(RunStore::run).list();
    }

    private static RunRecord run(ResultSet rs, int row) throws SQLException {
        return new RunRecord(rs.getString("run_id"), rs.getString("organization_id"), rs.getString("period"),
                rs.getInt("attempt"), RunRecord.Status.valueOf(rs.getString("status")), instant(rs, "started_at"),
                instant(rs, "ended_at"), rs.getString("caller_arn"), rs.getString("management_account_id"),
                rs.getString("tool_version"), rs.getString("config_json"), rs.getString("preflight_json"),
                rs.getString("exceptions_json"), rs.getString("published_to"), instant(rs, "published_at"));
    }
}

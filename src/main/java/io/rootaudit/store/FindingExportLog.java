package io.rootaudit.store;

import static io.rootaudit.store.Columns.instant;
import static io.rootaudit.store.Columns.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every attempt to export a run's findings ({@code ra_finding_export}): how many were sent and accepted, and what
 * failed, as JSON. The pack is sealed before any export, so this is where an export's evidence is kept; the latest
 * attempt tells whether an audited period still has an export to retry.
 */
@Repository
public class FindingExportLog {

    private final JdbcClient jdbc;

    FindingExportLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param attempt 1 for a run's first export to the destination, then one more for each retry
     * @param failuresJson the failed findings and calls, as JSON; {@code null} when none failed
     */
    public record Entry(String runId, String destination, int attempt, Instant startedAt, Instant endedAt,
                        boolean succeeded, int findings, int imported, String failuresJson) {}

    /** Records an attempt as the run's next one for the destination. */
    @Transactional
    public Entry record(String runId, String destination, Instant startedAt, Instant endedAt, boolean succeeded,
                        int findings, int imported, String failuresJson) {
        int attempt = jdbc.sql("SELECT COALESCE(MAX(attempt), 0) FROM ra_finding_export WHERE run_id = ? AND destination = ?")
                .params(runId, destination).query(Integer.class).single() + 1;
        jdbc.sql("""
                INSERT INTO ra_finding_export (run_id, destination, attempt, started_at, ended_at, succeeded, findings,
                                               imported, failures_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, destination, attempt, ts(startedAt), ts(endedAt), succeeded, findings, imported, failuresJson)
                .update();
        return new Entry(runId, destination, attempt, startedAt, endedAt, succeeded, findings, imported, failuresJson);
    }

    /** The run's attempts for the destination, oldest first. */
    public List<Entry> entries(String runId, String destination) {
        return List.copyOf(jdbc.sql("SELECT * FROM ra_finding_export WHERE run_id = ? AND destination = ? ORDER BY attempt")
                .params(runId, destination)
                .query((rs, row) -> new Entry(rs.getString("run_id"), rs.getString("destination"), rs.getInt("attempt"),
                        instant(rs, "started_at"), instant(rs, "ended_at"), rs.getBoolean("succeeded"),
                        rs.getInt("findings"), rs.getInt("imported"), rs.getString("failures_json")))
                .list());
    }

    public Optional<Entry> latest(String runId, String destination) {
        List<Entry> all = entries(runId, destination);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}

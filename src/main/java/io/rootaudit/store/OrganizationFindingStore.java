package io.rootaudit.store;

import static io.rootaudit.store.Columns.clip;

import io.rootaudit.compliance.Finding;
import io.rootaudit.compliance.Severity;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization-level findings of each run ({@code ra_organization_finding}), recorded from the run's preflight
 * when it starts or resumes. Reports and the exit code read them back instead of evaluating the stored preflight
 * again, so a run shows what it found even after the rules change.
 */
@Repository
public class OrganizationFindingStore {

    private final JdbcClient jdbc;

    OrganizationFindingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the run's organization findings: a resumed run counts those of its latest preflight. */
    @Transactional
    public void save(String runId, List<Finding> findings) {
        jdbc.sql("DELETE FROM ra_organization_finding WHERE run_id = ?").param(runId).update();
        int ordinal = 0;
        for (Finding f : findings) {
            jdbc.sql("""
                    INSERT INTO ra_organization_finding (run_id, ordinal, rule_id, severity, detail, resource)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(runId, ordinal++, f.ruleId(), f.severity().name(), clip(f.detail()), f.resource())
                    .update();
        }
    }

    /** The run's organization findings, in the order they were recorded (the rule catalog's). */
    public List<Finding> findings(String runId) {
        return List.copyOf(jdbc.sql("SELECT * FROM ra_organization_finding WHERE run_id = ? ORDER BY ordinal")
                .param(runId)
                .query((rs, row) -> new Finding(rs.getString("rule_id"), Severity.valueOf(rs.getString("severity")),
                        rs.getString("detail"), rs.getString("resource")))
                .list());
    }
}

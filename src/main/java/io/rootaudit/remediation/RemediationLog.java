package io.rootaudit.remediation;

import static io.rootaudit.store.Columns.clip;
import static io.rootaudit.store.Columns.instant;
import static io.rootaudit.store.Columns.ts;

import io.rootaudit.audit.RootCredentialInventory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of remediation: per run, the accounts considered with their decision and before/after inventories,
 * and every action. Each write commits on its own (a new transaction), before and after each AWS call, so a run
 * killed mid-remediation keeps everything it did.
 */
@Repository
public class RemediationLog {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    RemediationLog(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
    }

    /** One account of a run's remediation. */
    public record Entry(String runId, String accountId, String mode, RemediationDecision decision, String reason,
                        RootCredentialInventory before, RootCredentialInventory after, Instant updatedAt) {}

    public boolean hasPlan(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM ra_remediation WHERE run_id = ?").param(runId).query(Long.class).single() > 0;
    }

    /** Stores the whole plan at once: a crash never leaves half a plan. */
    public void savePlan(List<Entry> entries) {
        tx.executeWithoutResult(s -> entries.forEach(e -> jdbc.sql("""
                        INSERT INTO ra_remediation (run_id, account_id, mode, decision, reason, before_json, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(e.runId(), e.accountId(), e.mode(), e.decision().name(), e.reason(), toJson(e.before()),
                        ts(e.updatedAt()))
                .update()));
    }

    public List<Entry> entries(String runId) {
        return jdbc.sql("SELECT * FROM ra_remediation WHERE run_id = ? ORDER BY account_id").param(runId)
                .query(this::entry).list();
    }

    public Optional<Entry> entry(String runId, String accountId) {
        return jdbc.sql("SELECT * FROM ra_remediation WHERE run_id = ? AND account_id = ?").params(runId, accountId)
                .query(this::entry).optional();
    }

    public void finish(String runId, String accountId, RemediationDecision decision, String reason,
                       RootCredentialInventory after, Instant at) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE ra_remediation SET decision = ?, reason = ?, after_json = ?, updated_at = ?
                        WHERE run_id = ? AND account_id = ?""")
                .params(decision.name(), reason, toJson(after), ts(at), runId, accountId).update());
    }

    /** Inserts or updates one action. */
    public void record(String runId, RemediationAction a) {
        tx.executeWithoutResult(s -> {
            int updated = jdbc.sql("""
                            UPDATE ra_remediation_action SET status = ?, detail = ?, at = ?
                            WHERE run_id = ? AND account_id = ? AND ordinal = ?""")
                    .params(a.status().name(), clip(a.detail()), ts(a.at()), runId, a.accountId(), a.ordinal()).update();
            if (updated == 0) {
                jdbc.sql("""
                                INSERT INTO ra_remediation_action (run_id, account_id, ordinal, action, target, status, detail, at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(runId, a.accountId(), a.ordinal(), a.type().name(), a.target(), a.status().name(),
                                clip(a.detail()), ts(a.at()))
                        .update();
            }
        });
    }

    public List<RemediationAction> actions(String runId, String accountId) {
        return jdbc.sql("SELECT * FROM ra_remediation_action WHERE run_id = ? AND account_id = ? ORDER BY ordinal")
                .params(runId, accountId).query(RemediationLog::action).list();
    }

    public List<RemediationAction> actions(String runId) {
        return jdbc.sql("SELECT * FROM ra_remediation_action WHERE run_id = ? ORDER BY account_id, ordinal")
                .param(runId).query(RemediationLog::action).list();
    }

    private Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("run_id"), rs.getString("account_id"), rs.getString("mode"),
                RemediationDecision.valueOf(rs.getString("decision")), rs.getString("reason"),
                fromJson(rs.getString("before_json")), fromJson(rs.getString("after_json")), instant(rs, "updated_at"));
    }

    private static RemediationAction action(ResultSet rs, int row) throws SQLException {
        return new RemediationAction(rs.getString("account_id"), rs.getInt("ordinal"),
                RemediationAction.Type.valueOf(rs.getString("action")), rs.getString("target"),
                RemediationAction.Status.valueOf(rs.getString("status")), rs.getString("detail"), instant(rs, "at"));
    }

    private String toJson(RootCredentialInventory inventory) {
        return inventory == null ? null : json.writeValueAsString(inventory);
    }

    private RootCredentialInventory fromJson(String text) {
        return text == null ? null : json.readValue(text, RootCredentialInventory.class);
    }
}

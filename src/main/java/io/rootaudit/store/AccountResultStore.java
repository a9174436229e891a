package io.rootaudit.store;

import static io.rootaudit.store.Columns.clip;
import static io.rootaudit.store.Columns.instant;
import static io.rootaudit.store.Columns.ts;

import io.rootaudit.audit.AuditError;
import io.rootaudit.audit.RootCredentialInventory;
import io.rootaudit.compliance.AccountStatus;
import io.rootaudit.compliance.AssessedFinding;
import io.rootaudit.compliance.Severity;
import io.rootaudit.organization.Account;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts of each run ({@code ra_account}, {@code ra_finding}): the snapshot taken at its start, the tags, and
 * each account's verdict with its findings and evidence. Everything after collection reads from here rather than
 * from memory, so a killed run resumes where it stopped, reports can be rebuilt, and memory stays flat however large
 * the organization: reads stream. Writes are keyed by (run, account), so replaying a chunk after a crash overwrites
 * instead of duplicating.
 */
@Repository
public class AccountResultStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    AccountResultStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    // ---- account snapshot ---------------------------------------------------------------------------

    /** True once the run's whole listing is stored: no account will be added to its snapshot any more. */
    public boolean snapshotComplete(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM ra_run WHERE run_id = ? AND snapshot_completed_at IS NOT NULL").param(runId)
                .query(Long.class).single() > 0;
    }

    /** Records that the run's listing is stored in full (by the snapshot step's last call, after its last page). */
    @Transactional
    public void completeSnapshot(String runId, Instant at) {
        jdbc.sql("UPDATE ra_run SET snapshot_completed_at = ? WHERE run_id = ?").params(ts(at), runId).update();
    }

    /** The accounts stored so far in the run's snapshot: a listing that was interrupted goes on without them. */
    public Set<String> snapshotAccountIds(String runId) {
        return new HashSet<>(jdbc.sql("SELECT account_id FROM ra_account WHERE run_id = ?").param(runId)
                .query(String.class).list());
    }

    /**
     * Adds listed accounts to the run's snapshot, numbered after those already stored (the order the audit reads them
     * in). Accounts that are not audited get their final status right away.
     *
     * @param initial status and reason per account id for accounts settled without an audit (management, suspended)
     * @param tagsPending store no tags yet: {@link #saveTags} fills them in later, resumably
     */
    @Transactional
    public void appendToSnapshot(String runId, List<Account> accounts, Map<String, Settled> initial, boolean tagsPending) {
        int last = jdbc.sql("SELECT COALESCE(MAX(listed_seq), 0) FROM ra_account WHERE run_id = ?").param(runId)
                .query(Integer.class).single();
        List<Map.Entry<Integer, Account>> numbered = new ArrayList<>(accounts.size());
        for (Account a : accounts) {
            numbered.add(Map.entry(last + 1 + numbered.size(), a));
        }
        template.batchUpdate("""
                INSERT INTO ra_account (run_id, account_id, name, email, ou_id, ou_path, state, joined_at, tags_json,
                                        status, status_reason, ou_id_path, listed_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", numbered, 500, (ps, e) -> {
            Account a = e.getValue();
            Settled settled = initial.get(a.id());
            ps.setString(1, runId);
            ps.setString(2, a.id());
            ps.setString(3, a.name());
            ps.setString(4, a.email());
            ps.setString(5, a.ouId());
            ps.setString(6, a.ouPath());
            ps.setString(7, a.state());
            ps.setObject(8, ts(a.joinedAt()));
            ps.setString(9, tagsPending ? null : json.writeValueAsString(a.tags()));
            ps.setString(10, settled == null ? null : settled.status().name());
            ps.setString(11, settled == null ? null : clip(settled.reason()));
            ps.setString(12, a.ouIdPath());
            ps.setInt(13, e.getKey());
        });
    }

    /**
     * Up to {@code limit} accounts still without a verdict, listed after {@code after}, in listing order: the audit's
     * keyset, which stays right while verdicts land and while later pages of the listing are added.
     */
    public List<Listed> pendingAfter(String runId, Listed after, int limit) {
        return jdbc.sql("""
                SELECT listed_seq, account_id FROM ra_account
                WHERE run_id = ? AND status IS NULL AND (listed_seq > ? OR (listed_seq = ? AND account_id > ?))
                ORDER BY listed_seq, account_id
                FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .params(runId, after.seq(), after.seq(), after.accountId())
                .query((rs, i) -> new Listed(rs.getInt(1), rs.getString(2))).list();
    }

    /** An account's position in the run's listing. */
    public record Listed(int seq, String accountId) {

        /** Before the first account. */
        public static final Listed START = new Listed(-1, "");
    }

    /** Accounts of the snapshot whose tags are still to be read, in account id order. */
    public List<String> accountsWithoutTags(String runId) {
        return jdbc.sql("SELECT account_id FROM ra_account WHERE run_id = ? AND tags_json IS NULL ORDER BY account_id")
                .param(runId).query(String.class).list();
    }

    /** Stores the tags of some accounts of the snapshot (account id to tags). */
    @Transactional
    public void saveTags(String runId, Map<String, Map<String, String>> tagsByAccount) {
        template.batchUpdate("UPDATE ra_account SET tags_json = ? WHERE run_id = ? AND account_id = ?",
                List.copyOf(tagsByAccount.entrySet()), 500, (ps, e) -> {
                    ps.setString(1, json.writeValueAsString(e.getValue()));
                    ps.setString(2, runId);
                    ps.setString(3, e.getKey());
                });
    }

    /** A verdict known without auditing, with the reason shown in reports. */
    public record Settled(AccountStatus status, String reason) {}

    // ---- verdicts -----------------------------------------------------------------------------------

    /** Stores verdicts, replacing any earlier verdict and findings of the same accounts (replayed chunks). */
    @Transactional
    public void saveResults(String runId, List<AccountResult> results) {
        template.batchUpdate("""
                UPDATE ra_account SET status = ?, status_reason = ?, highest_severity = ?, inventory_json = ?,
                       evidence_json = ?, error_code = ?, error_message = ?, audited_at = ?
                WHERE run_id = ? AND account_id = ?""", results, 500, (ps, r) -> {
            ps.setString(1, r.status().name());
            ps.setString(2, r.error() == null ? clip(r.statusReason()) : clip(r.error().code() + ": " + r.error().message()));
            ps.setString(3, r.highestSeverity() == null ? null : r.highestSeverity().name());
            ps.setString(4, r.inventory() == null ? null : json.writeValueAsString(r.inventory()));
            ps.setString(5, json.writeValueAsString(r.evidence()));
            ps.setString(6, r.error() == null ? null : clip(r.error().code()));
            ps.setString(7, r.error() == null ? null : clip(r.error().message()));
            ps.setObject(8, ts(r.auditedAt()));
            ps.setString(9, runId);
            ps.setString(10, r.accountId());
        });
        List<Object[]> deletes = results.stream().map(r -> new Object[] {runId, r.accountId()}).toList();
        template.batchUpdate("DELETE FROM ra_finding WHERE run_id = ? AND account_id = ?", deletes);
        List<Object[]> rows = new ArrayList<>();
        for (AccountResult r : results) {
            int ordinal = 0;
            for (AssessedFinding f : r.findings()) {
                rows.add(new Object[] {runId, r.accountId(), ordinal++, f.finding().ruleId(), f.finding().severity().name(),
                        clip(f.finding().detail()), f.finding().resource(), f.exceptionReference()});
            }
        }
        template.batchUpdate("""
                INSERT INTO ra_finding (run_id, account_id, ordinal, rule_id, severity, detail, resource, exception_ref)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    // ---- reading back -------------------------------------------------------------------------------

    public Map<AccountStatus, Long> countByStatus(String runId) {
        Map<AccountStatus, Long> counts = new EnumMap<>(AccountStatus.class);
        for (AccountStatus s : AccountStatus.values()) {
            counts.put(s, 0L);
        }
        template.query("SELECT status, COUNT(*) FROM ra_account WHERE run_id = ? AND status IS NOT NULL GROUP BY status",
                (RowCallbackHandler) rs -> counts.put(AccountStatus.valueOf(rs.getString(1)), rs.getLong(2)), runId);
        return counts;
    }

    public long countPending(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM ra_account WHERE run_id = ? AND status IS NULL").param(runId)
                .query(Long.class).single();
    }

    public long countAccounts(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM ra_account WHERE run_id = ?").param(runId).query(Long.class).single();
    }

    /** Streams the accounts of a run in account-id order without holding them all in memory. */
    public void forEachAccount(String runId, Consumer<StoredAccount> consumer) {
        template.query("SELECT * FROM ra_account WHERE run_id = ? ORDER BY account_id",
                (RowCallbackHandler) rs -> consumer.accept(account(rs)), runId);
    }

    /** Streams the findings of a run, grouped by account in account-id order. */
    public void forEachFinding(String runId, Consumer<StoredFinding> consumer) {
        template.query("SELECT * FROM ra_finding WHERE run_id = ? ORDER BY account_id, ordinal",
                (RowCallbackHandler) rs -> consumer.accept(new StoredFinding(rs.getString("account_id"),
                        rs.getString("rule_id"), Severity.valueOf(rs.getString("severity")), rs.getString("detail"),
                        rs.getString("resource"), rs.getString("exception_ref"))), runId);
    }

    /** The stored evidence of one account, as written. */
    public Optional<String> evidenceJson(String runId, String accountId) {
        return jdbc.sql("SELECT evidence_json FROM ra_account WHERE run_id = ? AND account_id = ?")
                .params(runId, accountId).query(String.class).optional();
    }

    private StoredAccount account(ResultSet rs) throws SQLException {
        Map<String, String> tags = rs.getString("tags_json") == null ? Map.of()
                : json.readValue(rs.getString("tags_json"), new TypeReference<Map<String, String>>() {});
        Account account = new Account(rs.getString("account_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("ou_id"), rs.getString("ou_path"), rs.getString("ou_id_path"), rs.getString("state"),
                instant(rs, "joined_at"), tags);
        String status = rs.getString("status");
        String severity = rs.getString("highest_severity");
        String inventory = rs.getString("inventory_json");
        String errorCode = rs.getString("error_code");
        return new StoredAccount(account,
                status == null ? null : AccountStatus.valueOf(status),
                rs.getString("status_reason"),
                severity == null ? null : Severity.valueOf(severity),
                inventory == null ? null : json.readValue(inventory, RootCredentialInventory.class),
                errorCode == null ? null : new AuditError(errorCode, rs.getString("error_message")),
                instant(rs, "audited_at"));
    }
}

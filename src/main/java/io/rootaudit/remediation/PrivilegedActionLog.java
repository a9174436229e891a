package io.rootaudit.remediation;

import static io.rootaudit.store.Columns.instant;
import static io.rootaudit.store.Columns.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The store of privileged commands: written by each command, read by the next reports and by the audit. */
@Repository
public class PrivilegedActionLog {

    private final JdbcClient jdbc;

    PrivilegedActionLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(PrivilegedAction a) {
        jdbc.sql("""
                        INSERT INTO ra_privileged_action (id, command, account_id, target, caller_arn, at, reason, ticket,
                                                          dry_run, result, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.command(), a.accountId(), a.target(), a.callerArn(), ts(a.at()), a.reason(), a.ticket(),
                        a.dryRun(), a.result(), a.detail())
                .update();
    }

    /** Sets the result of an action recorded as IN_PROGRESS. */
    public void finish(String id, String result, String detail) {
        jdbc.sql("UPDATE ra_privileged_action SET result = ?, detail = ? WHERE id = ?").params(result, detail, id).update();
    }

    /** Actions in (from, to], oldest first; {@code from} null means since the beginning. */
    public List<PrivilegedAction> between(Instant from, Instant to) {
        return from == null
                ? jdbc.sql("SELECT * FROM ra_privileged_action WHERE at <= ? ORDER BY at").param(ts(to))
                        .query(PrivilegedActionLog::action).list()
                : jdbc.sql("SELECT * FROM ra_privileged_action WHERE at > ? AND at <= ? ORDER BY at").params(ts(from), ts(to))
                        .query(PrivilegedActionLog::action).list();
    }

    /** The latest successful action of {@code command} on an account. */
    public Optional<PrivilegedAction> latest(String command, String accountId) {
        return jdbc.sql("""
                        SELECT * FROM ra_privileged_action WHERE command = ? AND account_id = ? AND result = 'DONE'
                        ORDER BY at DESC""")
                .params(command, accountId).query(PrivilegedActionLog::action).list().stream().findFirst();
    }

    private static PrivilegedAction action(ResultSet rs, int row) throws SQLException {
        return new PrivilegedAction(rs.getString("id"), rs.getString("command"), rs.getString("account_id"),
                rs.getString("target"), rs.getString("caller_arn"), instant(rs, "at"), rs.getString("reason"),
                rs.getString("ticket"), rs.getBoolean("dry_run"), rs.getString("result"), rs.getString("detail"));
    }
}

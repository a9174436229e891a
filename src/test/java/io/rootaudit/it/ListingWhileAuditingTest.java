package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit starts on the first stored page of the organization's listing instead of waiting for all of it (at the
 * Organizations rate, 20 accounts a page, listing 10,000 accounts takes about a minute), and a listing that fails
 * midway neither loses nor repeats an account.
 */
@ExtendWith(EmulatorExtension.class)
class ListingWhileAuditingTest {

    /** 40 accounts in each of three OUs: two pages each, seven listing requests with the root's. */
    static final int ACCOUNTS = 120;

    @TempDir
    Path work;

    @Test
    void theAuditStartsBeforeTheListingEnds(Emulator emulator) throws SQLException {
        emulator.createOrganization(Orgs.simple(ACCOUNTS));
        // one Organizations request per 400 ms: the seven pages take about 3 s to list
        Invocation run = Invocation.run(emulator, work, "audit", "--rootaudit.aws.rate-limits.organizations=2.5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.results().get("accounts")).hasSize(ACCOUNTS + 1);
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt()).isEqualTo(ACCOUNTS);

        Timestamp listed = timestamp(run, "SELECT snapshot_completed_at FROM ra_run");
        Timestamp firstAudited = timestamp(run, "SELECT MIN(audited_at) FROM ra_account");
        assertThat(firstAudited).as("first verdict stored before the listing was complete").isBefore(listed);
        assertThat(run.count("SELECT COUNT(*) FROM ra_account WHERE audited_at > ?", listed))
                .as("accounts audited after the listing ended").isPositive();
    }

    @Test
    void aListingThatFailsMidwayStopsTheRunAndTheNextInvocationListsOnAuditingEachAccountOnce(Emulator emulator)
            throws SQLException {
        emulator.createOrganization(Orgs.simple(ACCOUNTS));
        emulator.addFault(Map.of("action", "ListAccountsForParent", "code", "AccessDeniedException", "status", 400,
                "message", "listing refused midway", "after", 4, "count", 1));
        Invocation failed = Invocation.run(emulator, work, "audit");
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
        assertThat(failed.err()).contains("listing refused midway").contains("the account snapshot of run");
        long stored = failed.count("SELECT COUNT(*) FROM ra_account");
        assertThat(stored).as("pages stored before the refused one").isBetween(40L, (long) ACCOUNTS);
        assertThat(failed.count("SELECT COUNT(*) FROM ra_run WHERE snapshot_completed_at IS NULL")).isOne();
        int assumedBefore = emulator.stats().get("requests").path("AssumeRoot").asInt();
        assertThat((long) assumedBefore).as("audited only stored accounts").isLessThanOrEqualTo(stored);

        Invocation resumed = Invocation.run(emulator, work, "audit");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<String> ids = new ArrayList<>();
        resumed.results().get("accounts").forEach(a -> ids.add(a.get("accountId").asString()));
        assertThat(ids).hasSize(ACCOUNTS + 1).doesNotHaveDuplicates();
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_account")).isEqualTo(ACCOUNTS + 1);
        assertThat(resumed.count("SELECT MAX(listed_seq) FROM ra_account")).as("the stored accounts not stored again")
                .isEqualTo(ACCOUNTS + 1);
        assertThat(emulator.stats().get("requests").get("AssumeRoot").asInt())
                .as("every member assumed once over both invocations, a verdict in a rolled-back chunk excepted")
                .isBetween(ACCOUNTS, ACCOUNTS + 64);
        assertThat(resumed.count("SELECT COUNT(*) FROM ra_account WHERE status IS NULL")).isZero();
    }

    private static Timestamp timestamp(Invocation run, String sql) throws SQLException {
        try (Connection c = run.database(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }
}

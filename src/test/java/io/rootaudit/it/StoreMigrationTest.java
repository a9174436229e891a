package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;

/**
 * A store made by rootaudit 0.1.0, before the store had migrations (src/test/resources/store/README.md says how it
 * was made), is migrated in place by the first command that opens it and read back as 0.1.0 read it.
 */
class StoreMigrationTest {

    private static final String STORE = "/store/rootaudit-0.1.0.mv.db";
    /** The two runs of the 0.1.0 store; November's pack, rendered again by 0.1.0, is kept next to it. */
    private static final String OCTOBER = "2026-10-1-8d6a30";
    private static final String NOVEMBER = "2026-11-1-a9a875";

    @TempDir
    Path work;

    @Test
    void aStoreOfVersion010IsMigratedInPlaceAndReadBackUnchanged() throws Exception {
        Path db = copyStore(work);
        Map<String, List<String>> before = rows(db);
        assertThat(before).containsKeys("RA_RUN", "RA_ACCOUNT", "RA_FINDING");
        assertThat(before.get("RA_RUN")).hasSize(2);
        assertThat(tables(db)).doesNotContain("flyway_schema_history");

        Invocation history = Invocation.run(null, work, "history");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("predates schema migrations (rootaudit 0.1.0): recording it as version 1")
                .containsPattern(NOVEMBER + " +o-3eoemh045j +2026-11 COMPLETED .* 60\\.0%")
                .containsPattern(OCTOBER + " +o-3eoemh045j +2026-10 COMPLETED .* 40\\.0%");
        List<String> migrated = schemaHistory(db);
        assertThat(migrated).isEqualTo(historyOfABaselinedStore());
        Map<String, List<String>> after = rows(db);
        before.forEach((table, rows) -> assertThat(withoutColumnsAddedSince010(after.get(table))).as(table).isEqualTo(rows));
        assertThat(after.get("RA_ACCOUNT")).as("accounts listed in one transaction, read in account-id order")
                .allMatch(row -> row.endsWith(" | LISTED_SEQ=0"));
        assertThat(after.get("RA_RUN")).as("0.1.0 stored a run's snapshot at its start, in full").allSatisfy(row ->
                assertThat(column(row, "SNAPSHOT_COMPLETED_AT")).isNotNull().isEqualTo(column(row, "STARTED_AT")));
        assertThat(after.get("RA_ORGANIZATION_FINDING")).as("the finding 0.1.0 derived for each run, now stored")
                .containsExactly(organizationFinding(OCTOBER), organizationFinding(NOVEMBER));

        Invocation report = Invocation.run(null, work, "report", "--run", NOVEMBER);
        assertThat(report.exitCode()).as(report.err()).isZero();
        JsonNode now = Invocation.JSON.readTree(report.work().resolve("reports/o-3eoemh045j/2026-11/" + NOVEMBER
                + "/results.json").toFile());
        JsonNode then;
        try (InputStream in = getClass().getResourceAsStream("/store/rootaudit-0.1.0-" + NOVEMBER + ".results.json")) {
            then = Invocation.JSON.readTree(in);
        }
        for (String section : List.of("run", "organization", "exceptions", "trend")) {
            assertThat(now.get(section)).as(section).isEqualTo(then.get(section));
        }
        // Accounts and findings as stored; each finding's controls come from the current mapping files, a superset
        // of what 0.1.0 mapped (later versions map CIS v6.0, v7.0's renumbered controls, NIST and PCI DSS).
        assertThat(withoutControls(now.get("accounts"))).isEqualTo(withoutControls(then.get("accounts")));
        for (int a = 0; a < then.get("accounts").size(); a++) {
            JsonNode oldFindings = then.get("accounts").get(a).get("findings");
            for (int f = 0; f < oldFindings.size(); f++) {
                List<String> mapped = new ArrayList<>();
                now.get("accounts").get(a).get("findings").get(f).get("controls").forEach(c -> mapped.add(c.asString()));
                List<String> old = new ArrayList<>();
                oldFindings.get(f).get("controls").forEach(c -> old.add(c.asString()));
                assertThat(mapped).containsAll(old);
            }
        }
        // The summary's counts are the stored ones; its control table is tallied with the framework mapping files
        // of the version that renders it (0.1.0 had fewer frameworks and no control titles), from the same verdicts.
        for (String part : List.of("accounts", "byStatus", "openFindingsBySeverity", "complianceRate", "rules")) {
            assertThat(now.get("summary").get(part)).as("summary." + part).isEqualTo(then.get("summary").get(part));
        }
        Map<String, JsonNode> controlsNow = new TreeMap<>();
        now.get("summary").get("controls").forEach(c -> controlsNow.put(
                c.get("framework").asString() + " " + c.get("controlId").asString(), c));
        for (JsonNode old : then.get("summary").get("controls")) {
            JsonNode same = controlsNow.get(old.get("framework").asString() + " " + old.get("controlId").asString());
            assertThat(same).as("control %s %s", old.get("framework"), old.get("controlId")).isNotNull();
            for (String count : List.of("passed", "failed", "excepted", "notAssessed")) {
                assertThat(same.get(count)).as("%s %s", old.get("controlId"), count).isEqualTo(old.get(count));
            }
            assertThat(same.get("title").asString()).isNotBlank();
        }
        assertThat(controlsNow).containsKeys("CIS AWS Foundations Benchmark v6.0.0 2.4",
                "CIS AWS Foundations Benchmark v7.0.0 2.5");
        assertThat(now.get("organization").get("findings")).extracting(f -> f.get("ruleId").asString())
                .containsExactly("org-root-credentials-management-disabled");

        Invocation again = Invocation.run(null, work, "history");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).doesNotContain("predates schema migrations").doesNotContain("Results store");
        assertThat(schemaHistory(db)).isEqualTo(migrated);
        Path trace = work.resolve("db/rootaudit.trace.db");
        assertThat(trace).as(() -> "H2 trace file (errors at start): " + read(trace)).doesNotExist();
    }

    /** The migrations of an empty database build the very tables 0.1.0 built, plus those of later versions. */
    @Test
    void aNewStoreHasTheTablesOfAMigratedOne() throws Exception {
        Path migrated = copyStore(work.resolve("old"));
        assertThat(Invocation.run(null, work.resolve("old"), "history").exitCode()).isZero();
        Path fresh = work.resolve("new/db/rootaudit");
        Flyway.configure().dataSource(url(fresh), "sa", "").locations("classpath:db/migration").load().migrate();
        assertThat(columns(fresh)).isEqualTo(columns(migrated)).containsKey("RA_RUN.RUN_ID");
        assertThat(indexes(fresh)).isEqualTo(indexes(migrated)).contains("RA_ACCOUNT.RA_ACCOUNT_STATUS STATUS");
    }

    private static JsonNode withoutControls(JsonNode accounts) {
        JsonNode copy = accounts.deepCopy();
        copy.forEach(a -> a.get("findings").forEach(f -> ((tools.jackson.databind.node.ObjectNode) f).remove("controls")));
        return copy;
    }

    private static String organizationFinding(String runId) {
        return "RUN_ID=" + runId + " | ORDINAL=0 | RULE_ID=org-root-credentials-management-disabled | SEVERITY=HIGH"
                + " | DETAIL=The organization's RootCredentialsManagement feature is not enabled | RESOURCE=null";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Spring Batch's tables alone are no store: a command that needs one is refused, and Flyway does not start. */
    @Test
    void aDatabaseWithOnlySpringBatchTablesIsNoStore() throws Exception {
        Path db = work.resolve("db/rootaudit");
        try (Connection c = DriverManager.getConnection(url(db), "sa", "");
             InputStream batch = getClass().getResourceAsStream("/org/springframework/batch/core/schema-h2.sql")) {
            c.createStatement().execute(new String(batch.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String command : List.of("history", "audit")) {
            Invocation run = Invocation.run(null, work, command);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("is not a rootaudit database");
        }
        assertThat(tables(db)).noneMatch(t -> t.startsWith("RA_") || t.startsWith("flyway"));
    }

    static Path copyStore(Path work) throws Exception {
        Path db = Files.createDirectories(work.resolve("db")).resolve("rootaudit");
        try (InputStream in = StoreMigrationTest.class.getResourceAsStream(STORE)) {
            Files.copy(in, db.resolveSibling("rootaudit.mv.db"));
        }
        return db;
    }

    /** Flyway's record of a 0.1.0 store it migrated: the baseline at version 1, then every later migration. */
    static List<String> historyOfABaselinedStore() throws Exception {
        List<String> history = new ArrayList<>(List.of("1 BASELINE true"));
        for (int v = 2; v <= latestMigration(); v++) {
            history.add(v + " SQL true");
        }
        return history;
    }

    /** The version of the newest migration shipped. */
    static int latestMigration() throws Exception {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        int latest = 0;
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql")) {
            Matcher m = version.matcher(r.getFilename());
            if (m.matches()) {
                latest = Math.max(latest, Integer.parseInt(m.group(1)));
            }
        }
        return latest;
    }

    private static String url(Path db) {
        return "jdbc:h2:file:" + db.toAbsolutePath();
    }

    private static List<String> tables(Path db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(db), "sa", "");
             ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    /** Every row of every rootaudit table, as text, sorted: what the store holds, whatever order it is read in. */
    private static Map<String, List<String>> rows(Path db) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url(db), "sa", "")) {
            for (String table : tables(db)) {
                if (!table.startsWith("RA_")) {
                    continue;
                }
                List<String> all = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        String[] values = new String[n];
                        for (int i = 0; i < n; i++) {
                            values[i] = rs.getMetaData().getColumnName(i + 1) + "=" + rs.getString(i + 1);
                        }
                        all.add(String.join(" | ", values));
                    }
                }
                all.sort(null);
                rows.put(table, all);
            }
        }
        return rows;
    }

    /** A row as {@link #rows} prints it, without the columns later migrations added to the tables of 0.1.0. */
    private static List<String> withoutColumnsAddedSince010(List<String> rows) {
        return rows.stream().map(r -> r.replaceAll(" \\| (LISTED_SEQ|SNAPSHOT_COMPLETED_AT)=[^|]*$", "")).toList();
    }

    private static String column(String row, String name) {
        for (String cell : row.split(" \\| ")) {
            if (cell.startsWith(name + "=")) {
                return cell.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Flyway's record, one "version type success" per migration, in the order they were applied. */
    static List<String> schemaHistory(Path db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(db), "sa", ""); ResultSet rs = c.createStatement().executeQuery(
                "SELECT \"version\", \"type\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL "
                        + "ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
        }
        return rows;
    }

    /** table.column to type, nullability and default of every rootaudit table. */
    private static Map<String, String> columns(Path db) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url(db), "sa", "");
             ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", "RA\\_%", "%")) {
            while (rs.next()) {
                columns.put(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"), String.join(" ",
                        rs.getString("TYPE_NAME"), rs.getString("COLUMN_SIZE"), rs.getString("IS_NULLABLE"),
                        String.valueOf(rs.getString("COLUMN_DEF"))));
            }
        }
        return columns;
    }

    /** table.index (with its columns and uniqueness) of every rootaudit table, primary keys included. */
    private static List<String> indexes(Path db) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(db), "sa", "")) {
            for (String table : tables(db)) {
                if (!table.startsWith("RA_")) {
                    continue;
                }
                try (ResultSet rs = c.getMetaData().getIndexInfo(null, "PUBLIC", table, false, false)) {
                    while (rs.next()) {
                        // H2 numbers the indexes it makes for constraints: PRIMARY_KEY_E, RA_RUN_PERIOD_INDEX_8
                        String name = rs.getString("INDEX_NAME").replaceFirst("(PRIMARY_KEY|_INDEX)_[0-9A-F]+$", "$1");
                        indexes.add(table + "." + name + " "
                                + rs.getString("COLUMN_NAME") + (rs.getBoolean("NON_UNIQUE") ? "" : " unique"));
                    }
                }
            }
        }
        indexes.sort(null);
        return Arrays.asList(indexes.toArray(String[]::new));
    }
}

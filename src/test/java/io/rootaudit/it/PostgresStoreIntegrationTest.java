package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.DemoOrganization;
import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job repository and the results store on a real PostgreSQL server (see {@link PostgresExtension}: the embedded
 * one, or the server that ROOTAUDIT_TEST_POSTGRES_URL names).
 * Each run gets a schema of its own, created empty, so the application must create every table itself, although
 * another schema of the database holds the same tables.
 */
@ExtendWith({EmulatorExtension.class, PostgresExtension.class})
class PostgresStoreIntegrationTest {

    /** The server's JDBC URL. */
    private final String server;

    @TempDir
    Path work;

    /** The schemas a test made, dropped after it whatever its outcome. */
    private final List<String> schemas = new java.util.ArrayList<>();

    PostgresStoreIntegrationTest(PostgresExtension.Postgres postgres) {
        this.server = postgres.url();
    }

    @AfterEach
    void dropSchemas() throws Exception {
        if (!schemas.isEmpty()) {
            try (Connection c = DriverManager.getConnection(server)) {
                for (String schema : schemas) {
                    c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /** A new empty schema, and the URL that works in it. */
    private String schema(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(server)) {
            c.createStatement().execute("CREATE SCHEMA " + name);
        }
        schemas.add(name);
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    @Test
    void auditRerunAndReRenderOnPostgres(Emulator emulator) throws Exception {
        String name = "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String url = schema(name);
        try (Connection c = DriverManager.getConnection(schema(name + "_neighbour"))) { // its tables are not this store's
            c.createStatement().execute(resource("/org/springframework/batch/core/schema-postgresql.sql"));
            c.createStatement().execute(resource("/db/migration/V1__results_store.sql"));
        }

        DemoOrganization demo = new DemoOrganization(Instant.now());
        emulator.createOrganization(demo.spec());
        emulator.addFault(demo.deniedFault());
        Path exceptions = Files.writeString(work.resolve("exceptions.yml"), demo.exceptionsYaml());
        String[] common = {"--spring.datasource.url=" + url, "--rootaudit.exceptions-file=" + exceptions};

        Invocation run = Invocation.run(emulator, work, concat(new String[] {"audit"}, common));
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.results().get("accounts").size()).isEqualTo(34);
        assertThat(Files.exists(work.resolve("db"))).as("no H2 file when PostgreSQL is configured").isFalse();

        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT COUNT(*) FROM ra_account), (SELECT COUNT(*) FROM batch_job_execution WHERE status = 'COMPLETED')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(34);
            assertThat(rs.getLong(2)).isEqualTo(1);
        }
        assertThat(schemaHistory(url)).endsWith(StoreMigrationTest.latestMigration() + " SQL true")
                .allMatch(row -> row.endsWith(" SQL true"));

        Invocation again = Invocation.run(emulator, work, concat(new String[] {"audit"}, common));
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("was already audited");

        String runId = run.results().get("run").get("runId").asString();
        Files.delete(run.runFolder().resolve("report.pdf"));
        Invocation rerender = Invocation.run(emulator, work, concat(new String[] {"report", "--run", runId}, common));
        assertThat(rerender.exitCode()).isZero();
        assertThat(Invocation.run(emulator, work, concat(new String[] {"verify", "--path", run.runFolder().toString()}, common))
                .exitCode()).isZero();
    }

    /**
     * A store of rootaudit 0.1.0 on PostgreSQL (its tables and Spring Batch's, no schema history), next to a schema that
     * Flyway already manages: the store is recorded as version 1 and migrated, in its own schema only; and an empty
     * schema next to them is no store for a command that needs one.
     */
    @Test
    void aStoreOfVersion010IsMigratedInItsSchema() throws Exception {
        String schema = "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String url = schema(schema);
        org.flywaydb.core.Flyway.configure().dataSource(schema(schema + "_managed"), null, null).load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute(resource("/db/migration/V1__results_store.sql"));
            c.createStatement().execute(resource("/org/springframework/batch/core/schema-postgresql.sql"));
            c.createStatement().execute("""
                    INSERT INTO ra_run (run_id, organization_id, period, attempt, status, started_at, ended_at,
                                        preflight_json, config_json, exceptions_json)
                    VALUES ('2026-10-1-abcdef', 'o-legacy', '2026-10', 1, 'COMPLETED', TIMESTAMP WITH TIME ZONE
                            '2026-10-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-10-01 00:05:00+00',
                            '{"enabledFeatures":[]}', '{}', '[]')""");
        }

        Invocation history = Invocation.run(null, work, "history", "--spring.datasource.url=" + url);
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("predates schema migrations").containsPattern("2026-10-1-abcdef +o-legacy");
        List<String> expected = StoreMigrationTest.historyOfABaselinedStore();
        assertThat(schemaHistory(url)).isEqualTo(expected);
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(
                "SELECT ordinal, rule_id FROM ra_organization_finding WHERE run_id = '2026-10-1-abcdef' ORDER BY ordinal")) {
            List<String> findings = new java.util.ArrayList<>();
            while (rs.next()) {
                findings.add(rs.getInt(1) + " " + rs.getString(2));
            }
            // both features disabled: the two findings 0.1.0 derived from this preflight, in its order
            assertThat(findings).containsExactly("0 org-root-credentials-management-disabled", "1 org-root-sessions-disabled");
        }
        Invocation again = Invocation.run(null, work, "history", "--spring.datasource.url=" + url);
        assertThat(again.out()).doesNotContain("predates schema migrations");
        assertThat(schemaHistory(url)).isEqualTo(expected);

        // a schema without a store, in a database whose other schemas have one: history creates nothing there
        String empty = schema + "_empty";
        Invocation none = Invocation.run(null, work, "history", "--spring.datasource.url=" + schema(empty));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("is not a rootaudit database");
        try (Connection c = DriverManager.getConnection(server); ResultSet rs = c.getMetaData().getTables(null, empty, "%", null)) {
            assertThat(rs.next()).as("a table in the schema without a store").isFalse();
        }
    }

    /** Flyway's record of the schema of {@code url}, one "version type success" per migration, in order. */
    private static List<String> schemaHistory(String url) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(
                "SELECT version, type, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
        }
        return rows;
    }

    private static String resource(String name) throws Exception {
        try (var in = PostgresStoreIntegrationTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

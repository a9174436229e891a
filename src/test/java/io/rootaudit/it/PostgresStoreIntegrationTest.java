package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rootaudit.devtools.emulator.DemoOrganization;
import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job repository and the results store on a real PostgreSQL server: .ci/run starts one with
 * .ci/start-postgres and passes its URL as ROOTAUDIT_TEST_POSTGRES_URL; without it this test is skipped.
 * Each run gets a schema of its own, created empty, so the application must create every table itself.
 */
@ExtendWith(EmulatorExtension.class)
class PostgresStoreIntegrationTest {

    static final String URL = System.getenv("ROOTAUDIT_TEST_POSTGRES_URL");

    @TempDir
    Path work;

    @Test
    void auditRerunAndReRenderOnPostgres(Emulator emulator) throws Exception {
        assumeTrue(URL != null && !URL.isBlank(), "ROOTAUDIT_TEST_POSTGRES_URL is not set (run .ci/start-postgres)");
        String schema = "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(URL)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;

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

        Invocation again = Invocation.run(emulator, work, concat(new String[] {"audit"}, common));
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("was already audited");

        String runId = run.results().get("run").get("runId").asString();
        Files.delete(run.runFolder().resolve("report.pdf"));
        Invocation rerender = Invocation.run(emulator, work, concat(new String[] {"report", "--run", runId}, common));
        assertThat(rerender.exitCode()).isZero();
        assertThat(Invocation.run(emulator, work, concat(new String[] {"verify", "--path", run.runFolder().toString()}, common))
                .exitCode()).isZero();

        try (Connection c = DriverManager.getConnection(URL)) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

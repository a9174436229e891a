package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A second invocation while one runs refuses with exit 9 and harms nothing: the first completes normally. */
@ExtendWith(EmulatorExtension.class)
class ConcurrentInvocationTest {

    @TempDir
    Path work;

    @Test
    void secondInvocationOnTheSameEmbeddedDatabaseRefuses(Emulator emulator) throws Exception {
        refusesWhileTheFirstRuns(emulator, new String[0], "another rootaudit process is using the database");
    }

    @Test
    void secondInvocationOnPostgresRefuses(Emulator emulator) throws Exception {
        String url = System.getenv("ROOTAUDIT_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "ROOTAUDIT_TEST_POSTGRES_URL is not set (run .ci/start-postgres)");
        String schema = "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        String datasource = "--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        refusesWhileTheFirstRuns(emulator, new String[] {datasource}, "another invocation is auditing organization");
    }

    private void refusesWhileTheFirstRuns(Emulator emulator, String[] datasource, String message) throws Exception {
        emulator.createOrganization(Orgs.simple(8));
        emulator.latency(250);
        String[] first = concat(new String[] {"audit", "--rootaudit.audit.concurrency=1"}, datasource);
        Process running = ChildJvm.start(emulator, work, work.resolve("first.log"), first);
        ChildJvm.awaitRequests(emulator, "AssumeRoot", 1, 180);

        Invocation second = Invocation.run(emulator, work, concat(new String[] {"audit"}, datasource));
        assertThat(second.exitCode()).isEqualTo(9);
        assertThat(second.err()).contains(message);

        emulator.latency(0);
        assertThat(running.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).as(Files.readString(work.resolve("first.log"))).isZero();
        assertThat(second.results().get("accounts").size()).isEqualTo(9);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

package io.rootaudit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootaudit.devtools.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A second invocation while one runs refuses with exit 9 and harms nothing: the first completes normally. */
@ExtendWith({EmulatorExtension.class, PostgresExtension.class})
class ConcurrentInvocationTest {

    @TempDir
    Path work;

    @Test
    void secondInvocationOnTheSameEmbeddedDatabaseRefuses(Emulator emulator) throws Exception {
        refusesWhileTheFirstRuns(emulator, new String[0], "another rootaudit process is using the database");
    }

    @Test
    void secondInvocationOnPostgresRefuses(Emulator emulator, PostgresExtension.Postgres postgres) throws Exception {
        String datasource = "--spring.datasource.url=" + postgres.newSchema("it");
        refusesWhileTheFirstRuns(emulator, new String[] {datasource}, "another invocation is auditing organization");
    }

    private void refusesWhileTheFirstRuns(Emulator emulator, String[] datasource, String message) throws Exception {
        // 40 members at 250 ms a request, one at a time: some 20 s of audit, well past the second invocation's start
        // and preflight (which the latency slows too), so the first is still running when the second checks
        emulator.createOrganization(Orgs.simple(40));
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
        assertThat(second.results().get("accounts").size()).isEqualTo(41);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

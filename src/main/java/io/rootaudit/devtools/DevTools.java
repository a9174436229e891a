package io.rootaudit.devtools;

import io.rootaudit.cli.Launch;
import io.rootaudit.devtools.benchmark.BenchmarkAuditCommand;
import io.rootaudit.devtools.benchmark.BenchmarkReportsCommand;
import io.rootaudit.devtools.demo.DemoCommand;
import java.util.List;

/**
 * Development tooling: the bundled emulator, the demo organization, synthetic evidence and the benchmarks. It lives
 * apart from the audit's code, which never calls it (an architecture test says so); only the entry point adds its
 * commands to the command line.
 */
public final class DevTools {

    private DevTools() {}

    /** {@code demo}, {@code benchmark-audit} and {@code benchmark-reports}, as picocli commands. */
    public static List<Object> commands(Launch launch) {
        return List.of(new DemoCommand(launch), new BenchmarkAuditCommand(launch), new BenchmarkReportsCommand(launch));
    }
}

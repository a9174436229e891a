package io.rootaudit.it;

import io.rootaudit.devtools.emulator.Emulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application's entry point in a separate JVM, configured only through what a user sets (AWS_ENDPOINT_URL,
 * dummy keys, AWS_REGION, arguments), so tests can kill it with SIGKILL, run it beside another invocation, or
 * give it environment variables of its own.
 */
final class ChildJvm {

    /** A finished child: its exit code and what it printed (stdout and stderr together). */
    record Result(int exitCode, String output) {}

    private ChildJvm() {}

    /** Starts {@code rootaudit <args>} with the test's database and report folder; output goes to {@code log}. */
    static Process start(Emulator emulator, Path work, Path log, String... args) throws IOException {
        return start(emulator == null ? "http://127.0.0.1:9" : emulator.endpoint(), work, log, args);
    }

    /** The same against any endpoint, for example one that never answers. */
    static Process start(String endpoint, Path work, Path log, String... args) throws IOException {
        return start(endpoint, work, log, Map.of(), List.of(), args);
    }

    /** Runs {@code rootaudit <args>} to its end with extra environment variables and JVM options. */
    static Result run(Path work, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "child", ".log");
        Process process = start("http://127.0.0.1:9", work, log, environment, jvmOptions, args);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("rootaudit " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Process start(String endpoint, Path work, Path log, Map<String, String> environment,
                                 List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // A short-lived child spends most of its CPU starting up: C1 alone and the serial collector cut that by
        // about 40% on a 2-core machine, which the soak test (25 child JVMs) feels most.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rootaudit.RootAuditApplication"));
        command.addAll(List.of(args));
        if (command.stream().noneMatch(a -> a.startsWith("--rootaudit.database-path=") || a.startsWith("--spring.datasource.url="))) {
            command.add("--rootaudit.database-path=" + work.resolve("db/rootaudit").toAbsolutePath());
        }
        if (command.stream().noneMatch(a -> a.startsWith("--rootaudit.report.local-dir="))) {
            command.add("--rootaudit.report.local-dir=" + work.resolve("reports").toAbsolutePath());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AWS_ENDPOINT_URL", endpoint);
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits until the emulator has served {@code count} requests of {@code action} (or the timeout passes). */
    static void awaitRequests(Emulator emulator, String action, int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (emulator.stats().get("requests").path(action).asInt() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}

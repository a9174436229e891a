package io.rootaudit.it;

import io.rootaudit.emulator.Emulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's entry point in a separate JVM, configured only through what a user sets (AWS_ENDPOINT_URL,
 * dummy keys, AWS_REGION, arguments), so tests can kill it with SIGKILL or run it beside another invocation.
 */
final class ChildJvm {

    private ChildJvm() {}

    /** Starts {@code rootaudit <args>} with the test's database and report folder; output goes to {@code log}. */
    static Process start(Emulator emulator, Path work, Path log, String... args) throws IOException {
        return start(emulator.endpoint(), work, log, args);
    }

    /** The same against any endpoint, for example one that never answers. */
    static Process start(String endpoint, Path work, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rootaudit.RootAuditApplication"));
        command.addAll(List.of(args));
        if (command.stream().noneMatch(a -> a.startsWith("--rootaudit.database-path=") || a.startsWith("--spring.datasource.url="))) {
            command.add("--rootaudit.database-path=" + work.resolve("db/rootaudit").toAbsolutePath());
        }
        command.add("--rootaudit.report.local-dir=" + work.resolve("reports").toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AWS_ENDPOINT_URL", endpoint);
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().remove("AWS_PROFILE");
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

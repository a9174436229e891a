package io.rootaudit.it;

import io.rootaudit.aws.AwsConnection;
import io.rootaudit.cli.Launch;
import io.rootaudit.cli.RootAuditCli;
import io.rootaudit.devtools.DevTools;
import io.rootaudit.devtools.emulator.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the real command line in this JVM against the emulator, aimed at it as a user would aim it at an endpoint
 * (endpoint, dummy credentials, region), but given to this invocation only ({@link Launch}), with a private database
 * and report folder per test.
 */
record Invocation(int exitCode, String out, String err, Path work) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Invocation run(Emulator emulator, Path work, String... args) {
        return runAs(emulator, "testing", "testing", work, args);
    }

    static Invocation runAs(Emulator emulator, String accessKey, String secretKey, Path work, String... args) {
        return runAt(emulator == null ? "http://127.0.0.1:9" : emulator.endpoint(), accessKey, secretKey, work, args);
    }

    /** Against any endpoint, for example one that refuses connections or never answers. */
    static Invocation runAt(String endpoint, Path work, String... args) {
        return runAt(endpoint, "testing", "testing", work, args);
    }

    private static Invocation runAt(String endpoint, String accessKey, String secretKey, Path work, String... args) {
        return launch(AwsConnection.emulator(endpoint, accessKey, secretKey), System.getenv(), work, args);
    }

    /** With environment variables of its own (the process's are not changed). */
    static Invocation withEnvironment(Map<String, String> environment, Path work, String... args) {
        return launch(AwsConnection.emulator("http://127.0.0.1:9", "testing", "testing"), environment, work, args);
    }

    /**
     * The command line with its own output streams, environment and AWS settings ({@link Launch}). The JVM's standard
     * streams are captured too, for the log lines the job writes; {@link #out()} holds the command's output, then them.
     */
    private static Invocation launch(AwsConnection aws, Map<String, String> environment, Path work, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        addUnlessGiven(all, "--rootaudit.database-path=", work.resolve("db/rootaudit").toAbsolutePath());
        addUnlessGiven(all, "--rootaudit.report.local-dir=", work.resolve("reports").toAbsolutePath());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Launch launch = new Launch(new PrintWriter(out, true), new PrintWriter(err, true), environment, aws, false);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        int code;
        long started = System.nanoTime();
        try {
            PrintStream captured = new PrintStream(logs, true, StandardCharsets.UTF_8);
            System.setOut(captured);
            System.setErr(captured);
            code = RootAuditCli.run(launch, DevTools.commands(launch), all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Invocation result = new Invocation(code, out + logs.toString(StandardCharsets.UTF_8), err.toString(), work);
        oldOut.println("---- rootaudit " + String.join(" ", args) + " -> exit " + code + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms\n" + result.out + result.err);
        return result;
    }

    private static void addUnlessGiven(List<String> args, String prefix, Path value) {
        if (args.stream().noneMatch(a -> a.startsWith(prefix))) {
            args.add(prefix + value);
        }
    }

    /** The results.json of the only run folder under the report dir. */
    JsonNode results() {
        return JSON.readTree(runFolder().resolve("results.json").toFile());
    }

    List<String> csvLines() {
        try {
            return Files.readAllLines(runFolder().resolve("accounts.csv"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Path runFolder() {
        try (Stream<Path> s = Files.walk(work.resolve("reports"))) {
            List<Path> folders = s.filter(p -> Files.exists(p.resolve("results.json"))).toList();
            if (folders.size() != 1) {
                throw new AssertionError("expected one run folder, found " + folders);
            }
            return folders.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The account object of results.json for an id. */
    JsonNode account(String accountId) {
        for (JsonNode a : results().get("accounts")) {
            if (a.get("accountId").asString().equals(accountId)) {
                return a;
            }
        }
        throw new AssertionError("no account " + accountId + " in results.json");
    }

    /** Opens the run's H2 store (the CLI has closed it). */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + work.resolve("db/rootaudit").toAbsolutePath(), "sa", "");
    }

    /** Every text value of every table of the store, for leak checks. */
    String databaseText() throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = database()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM \"" + t + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            sb.append(rs.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection c = database(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

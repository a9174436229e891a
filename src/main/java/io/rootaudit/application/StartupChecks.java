package io.rootaudit.application;

import io.rootaudit.aws.AwsRegion;
import io.rootaudit.compliance.ControlMappings;
import io.rootaudit.compliance.ExceptionRegister;
import io.rootaudit.config.RootAuditProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * What a command may touch, checked before anything is created or called: the configuration is bound and
 * validated, the exceptions file and the framework mappings read, the region resolved (for commands that call AWS), the report folder and
 * the database checked. It runs before the data source exists (see {@link StartupCheckConfiguration}), so a
 * refused start leaves no database file, no report folder and no AWS call behind.
 */
public final class StartupChecks {

    /** The database of a command: none, one that must already exist (read, updated and migrated only), or any. */
    public enum Store { NONE, EXISTING, CREATE }

    /** What a command needs; {@code callsAws} includes commands that only may call AWS (publish, verify of s3://). */
    public record Needs(boolean callsAws, boolean writesReports, Store store) {}

    /** Why a start was refused: the configuration must change, another process holds the store, or it is unreachable. */
    public enum Refusal { CONFIGURATION, STORE_IN_USE, STORE_UNREACHABLE }

    /** A start refused by a check; the message says what to fix. */
    public static final class StartupCheckException extends RuntimeException {
        private final Refusal refusal;

        StartupCheckException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final int H2_FILE_IN_USE = 90020;
    private static final int H2_WRONG_USER_OR_PASSWORD = 28000;

    private StartupChecks() {}

    static void run(Needs needs, RootAuditProperties properties, ObjectProvider<ExceptionRegister> exceptions,
                    ObjectProvider<ControlMappings> controls, AwsRegion region, Environment environment) {
        exceptions.getObject(); // read and validated now, not half-way through the run
        controls.getObject(); // likewise, with rootaudit.compliance.frameworks
        if (needs.callsAws()) {
            region.resolve();
        }
        if (needs.writesReports()) {
            checkWritableFolder("rootaudit.report.local-dir", properties.report().localDir());
        }
        if (needs.store() != Store.NONE) {
            checkDatabase(needs.store(), environment, properties.databasePath());
        }
    }

    /** A folder that is, or can be created as, a writable directory; nothing is created here. */
    static void checkWritableFolder(String property, Path folder) {
        Path existing = folder.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw usage(property + ": " + folder + " cannot be created (no existing parent)");
        }
        if (!Files.isDirectory(existing)) {
            throw usage(property + ": " + existing + " is a file, not a directory"
                    + (existing.equals(folder.toAbsolutePath().normalize()) ? "" : ", so " + folder + " cannot be created")
                    + "; choose another path");
        }
        if (!Files.isWritable(existing)) {
            throw usage(property + ": " + existing + " is not writable by this user"
                    + (existing.equals(folder.toAbsolutePath().normalize()) ? "" : ", so " + folder + " cannot be created"));
        }
    }

    private static void checkDatabase(Store store, Environment environment, Path databasePath) {
        String url = environment.getProperty("spring.datasource.url", "");
        Optional<Path> h2File = h2File(url);
        if (h2File.isPresent()) {
            checkH2(store, url, h2File.get(), environment);
        } else if (url.startsWith("jdbc:h2:mem:")) {
            return;
        } else {
            probe(store, url, environment, "the database at " + withoutSecrets(url) + " (spring.datasource.url)");
        }
    }

    private static void checkH2(Store store, String url, Path base, Environment environment) {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        String where = file + " (rootaudit.database-path)";
        if (!Files.exists(file)) {
            if (store == Store.EXISTING) {
                throw usage("no rootaudit database at " + where + ": nothing has been audited with this path; "
                        + "check rootaudit.database-path (or spring.datasource.url)");
            }
            checkWritableFolder("rootaudit.database-path", base.toAbsolutePath().getParent());
            return;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file) || !Files.isWritable(file)) {
            throw usage(where + " is not a readable and writable file");
        }
        probe(store, url.replaceFirst(";.*$", "") + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0", environment, where);
    }

    /** Opens the database once: it must be reachable, and a rootaudit store (or empty, when it may be created). */
    private static void probe(Store store, String url, Environment environment, String where) {
        try (Connection connection = DriverManager.getConnection(url,
                environment.getProperty("spring.datasource.username", ""),
                environment.getProperty("spring.datasource.password", ""))) {
            boolean ours = hasTable(connection, "ra_run"); // every version's store has it, Spring Batch's tables alone are none
            if (!ours && (store == Store.EXISTING || hasAnyTable(connection))) {
                throw usage(where + " is not a rootaudit database (it has no rootaudit tables); "
                        + (store == Store.EXISTING ? "check the path or URL" : "give rootaudit a database of its own"));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_FILE_IN_USE) {
                throw new StartupCheckException(Refusal.STORE_IN_USE, "another rootaudit process is using the "
                        + "database (rootaudit.database-path); wait for it to finish. Nothing was called or written by "
                        + "this invocation.");
            }
            if (e.getErrorCode() == H2_WRONG_USER_OR_PASSWORD) {
                throw usage(where + " refused spring.datasource.username/password: " + firstLine(e.getMessage()));
            }
            if (url.startsWith("jdbc:h2:")) {
                throw usage(where + " cannot be opened as an H2 database (damaged, or not a database file): "
                        + firstLine(e.getMessage()) + ". Move it aside or point rootaudit.database-path elsewhere");
            }
            throw new StartupCheckException(Refusal.STORE_UNREACHABLE, "cannot connect to " + where + ": "
                    + firstLine(e.getMessage()));
        }
    }

    /** Only in the connection's schema, where Flyway would migrate or create the store: another schema's do not count. */
    private static boolean hasTable(Connection connection, String table) throws SQLException {
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasAnyTable(Connection connection) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = String.valueOf(rs.getString("TABLE_SCHEM")).toUpperCase(Locale.ROOT);
                if (!schema.equals("INFORMATION_SCHEMA") && !schema.equals("PG_CATALOG")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The file path of an embedded H2 URL ({@code jdbc:h2:file:PATH;...} or {@code jdbc:h2:PATH}), if it is one. */
    static Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length()).replaceFirst(";.*$", "");
        if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:")) {
            return Optional.empty();
        }
        rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(Path.of(rest));
    }

    private static String withoutSecrets(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static StartupCheckException usage(String message) {
        return new StartupCheckException(Refusal.CONFIGURATION, message);
    }
}

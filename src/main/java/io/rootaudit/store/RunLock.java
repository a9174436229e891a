package io.rootaudit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Keeps a second invocation for the same organization and period from running while one is in progress. On
 * PostgreSQL this is a session advisory lock held on a dedicated connection for the whole run (it disappears with
 * the process, so a killed run never leaves a stale lock). The embedded H2 file already admits a single process,
 * which fails to open it while another holds it (see {@link AnotherRunInProgress}).
 */
@Component
public class RunLock {

    private final DataSource dataSource;

    RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The held lock (close it to release), or empty when another process holds it. */
    public Optional<AutoCloseable> tryLock(String organizationId, String period) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return Optional.of(() -> { });
            }
            long key = ("rootaudit:" + organizationId + ":" + period).hashCode();
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(() -> {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.execute();
                } finally {
                    connection.close();
                }
            });
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Another invocation holds the run of this organization and period (or the embedded database). */
    public static final class AnotherRunInProgress extends RuntimeException {
        public AnotherRunInProgress(String message) {
            super(message);
        }

        /** True when {@code e} says the embedded H2 database file is open in another process. */
        public static boolean isH2FileInUse(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException s && s.getErrorCode() == 90020) {
                    return true;
                }
            }
            return false;
        }
    }
}

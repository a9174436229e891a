package io.rootaudit.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The results store is created and evolved by Flyway, from {@code db/migration}. A store made by rootaudit 0.1.0
 * predates Flyway: it holds the tables of V1 but no schema history. Such a store is recorded as being at version 1
 * (a Flyway baseline) before the later migrations run, so it is upgraded in place and keeps its runs.
 * <p>
 * Flyway's {@code baselineOnMigrate} is not used: it baselines <em>any</em> non-empty schema without history, so a
 * schema holding some other tables (Spring Batch's, say) would be marked as version 1 without the tables of V1. Here
 * the baseline happens only when {@code ra_run} is there; any other non-empty schema without history stops the start
 * with Flyway's own message.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class StoreMigrations {

    private static final Logger log = LoggerFactory.getLogger(StoreMigrations.class);

    @Bean
    FlywayMigrationStrategy baselineStoresOfVersion1() {
        return flyway -> {
            Configuration configuration = flyway.getConfiguration();
            if (predatesFlyway(configuration)) {
                log.info("The results store predates schema migrations (rootaudit 0.1.0): recording it as version {}",
                        configuration.getBaselineVersion());
                flyway.baseline();
            }
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0 && result.initialSchemaVersion != null) { // an upgrade is worth a line
                log.info("Results store migrated from version {} to version {} ({} migration{})",
                        result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted,
                        result.migrationsExecuted == 1 ? "" : "s");
            } else if (result.migrationsExecuted > 0) {
                log.debug("Results store created at version {}", result.targetSchemaVersion);
            }
        };
    }

    /** The schema Flyway works in holds the tables of version 1 but no schema history. */
    static boolean predatesFlyway(Configuration configuration) {
        try (Connection connection = configuration.getDataSource().getConnection()) {
            String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                    : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : connection.getSchema();
            return hasTable(connection, schema, "ra_run") && !hasTable(connection, schema, configuration.getTable());
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("cannot read the tables of the results store", e);
        }
    }

    /** Looks the table up in the schema only: on PostgreSQL another schema of the database may hold a store too. */
    private static boolean hasTable(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = metaData.getTables(null, literal(metaData, schema), literal(metaData, name),
                    new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A name as a metadata search pattern that matches only itself ({@code _} is a wildcard there). */
    private static String literal(DatabaseMetaData metaData, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = metaData.getSearchStringEscape();
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}

package io.rootaudit.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Spring Batch's tables, created by Spring Boot's own script, but only when they are missing. Its script has no
 * {@code IF NOT EXISTS}: run on every start it fails on each existing table, which H2 writes to its trace file
 * (about 34 KB per run) although the start goes on.
 */
@Configuration(proxyBeanMethods = false)
class BatchSchemaConfiguration {

    @Bean
    BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(DataSource dataSource, BatchJdbcProperties properties) {
        return new BatchDataSourceScriptDatabaseInitializer(dataSource, properties) {
            @Override
            public boolean initializeDatabase() {
                return properties.getInitializeSchema() != DatabaseInitializationMode.NEVER
                        && !batchTablesExist(dataSource, properties.getTablePrefix()) && super.initializeDatabase();
            }
        };
    }

    private static boolean batchTablesExist(DataSource dataSource, String tablePrefix) {
        String table = (tablePrefix == null ? "BATCH_" : tablePrefix) + "JOB_INSTANCE";
        try (Connection connection = dataSource.getConnection()) {
            for (String name : new String[] {table.toUpperCase(java.util.Locale.ROOT), table.toLowerCase(java.util.Locale.ROOT)}) {
                // in the connection's schema only: on PostgreSQL another schema of the database may hold a store
                try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), name,
                        new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("cannot read the database's tables", e);
        }
    }
}

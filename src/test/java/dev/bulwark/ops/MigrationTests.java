package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.TestServices;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every migration runs on PostgreSQL, the one engine of both modes, from an empty schema. */
class MigrationTests {

    @Test
    void allMigrationsRunOnPostgres() throws Exception {
        String url = TestServices.postgresUrl();
        MigrateResult result = migrate(url, "postgres", "migration_check");
        assertThat(result.migrationsExecuted).isEqualTo(migrationFiles()).isPositive();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            assertThat(tableExists(connection, "migration_check", "account")).isTrue();
        }
    }

    private static MigrateResult migrate(String url, String user, String schema) {
        return Flyway.configure()
                .dataSource(url, user, "")
                .schemas(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static int migrationFiles() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;
    }

    private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_SCHEM").equalsIgnoreCase(schema)
                        && tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
    }
}

package dev.bulwark.ops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;

/**
 * Spring Data JDBC's SQL dialect, fixed: PostgreSQL is the database of both modes. Spring Boot's own dialect bean
 * asks the database which one it is, so it needs a configured DataSource, and when Spring AOT generates the
 * repositories' code for the image (at build time, where no DataSource is configured) the build failed on it.
 */
@Configuration(proxyBeanMethods = false)
class PostgresDialect {

    @Bean
    JdbcDialect jdbcDialect() {
        return JdbcPostgresDialect.INSTANCE;
    }
}

package dev.bulwark.ops;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Local mode's database: PostgreSQL itself (the binaries the zonky artifacts bring), so local mode runs on the same
 * engine as production. Its data lives under {@code ./data/postgres} and survives restarts; it listens on 127.0.0.1
 * only, with no Unix socket. Spring Boot builds the usual DataSource from the connection details below, so Hikari,
 * Flyway and Spring Data JDBC are configured exactly as in production, and closes that DataSource before this stops the
 * server (on SIGTERM or Ctrl-C zonky's own JVM shutdown hook stops the server alongside). Not started when a
 * {@code spring.datasource.url} is configured (local mode against another PostgreSQL).
 */
@Configuration(proxyBeanMethods = false)
@Profile(UnsafeConfigurationGuard.LOCAL_PROFILE)
@Conditional(LocalDatabase.NoDatasourceUrl.class)
@EnableConfigurationProperties(LocalDatabaseProperties.class)
class LocalDatabase {

    private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres localPostgres(LocalDatabaseProperties properties) throws IOException {
        Path directory = properties.directory().toAbsolutePath().normalize();
        Files.createDirectories(directory.getParent());
        LeftoverPostmaster.stopIfAny(directory);
        try {
            EmbeddedPostgres postgres = start(directory, properties);
            // in the message, not as key-values: local mode's plain-text log lines do not show key-values
            log.info(
                    "Local database: embedded PostgreSQL at {} (user postgres), data in {}; delete it to start afresh",
                    jdbcUrl(postgres),
                    directory);
            return postgres;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "The embedded PostgreSQL of local mode did not start; its log is " + properties.logFile()
                            + ". Deleting " + directory + " starts afresh (the local accounts are lost).",
                    e);
        }
    }

    private static EmbeddedPostgres start(Path directory, LocalDatabaseProperties properties) throws IOException {
        Redirect serverLog = Redirect.appendTo(properties.logFile().toFile());
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                // zonky turns fsync off (-F) for throwaway test clusters; this one keeps a developer's data, so a
                // crash of the machine must not corrupt it. Commits stay asynchronous (synchronous_commit=off): a
                // crash may lose the last fraction of a second, never the cluster.
                .setServerConfig("fsync", "on")
                .setOutputRedirector(serverLog)
                .setErrorRedirector(serverLog)
                .start();
    }

    @Bean
    JdbcConnectionDetails localDatabaseConnection(EmbeddedPostgres postgres) {
        String url = jdbcUrl(postgres);
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return ""; // trust authentication: only local processes can reach 127.0.0.1
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}

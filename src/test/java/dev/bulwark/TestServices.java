package dev.bulwark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import redis.embedded.RedisServer;

/**
 * Provides PostgreSQL and Redis to the whole test run, once, before any test starts.
 *
 * <p>Uses the servers named by {@code BULWARK_TEST_POSTGRES_URL} (a JDBC URL of a database the run may create
 * databases from, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) and {@code
 * BULWARK_TEST_REDIS_URL} ({@code redis://127.0.0.1:6379}); without them it starts embedded ones from Maven artifacts.
 * Each run gets its own database and Redis key prefix, so runs never see each other's data. The addresses reach Spring
 * as system properties, which every application context started by a test picks up.
 */
public final class TestServices implements LauncherSessionListener {

    public static final String RUN_ID = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));

    private static String adminUrl;
    private static String databaseName;
    private static final List<String> classDatabases = new ArrayList<>();
    private static EmbeddedPostgres embeddedPostgres;
    private static RedisServer embeddedRedis;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    static synchronized void start() {
        if (databaseName != null) {
            return;
        }
        try {
            startPostgres();
            startRedis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database", e);
        }
    }

    /** The JDBC URL of this run's own, migrated-by-the-app database. */
    public static String postgresUrl() {
        return System.getProperty("spring.datasource.url");
    }

    public static String redisUrl() {
        return System.getProperty("bulwark.redis.url");
    }

    /** Every key this run writes starts with it; tests that start their own instances extend it. */
    public static String keyPrefix() {
        return System.getProperty("bulwark.redis.key-prefix");
    }

    /**
     * Creates a database for one test class and returns its JDBC URL (the application migrates it on start; the run
     * drops it at the end). For a class that fills tables in bulk, which would slow every other class that lists them.
     */
    public static synchronized String createDatabase(String purpose) {
        String name = databaseName + "_" + purpose;
        try {
            execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        classDatabases.add(name);
        return withDatabase(adminUrl, name);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void startPostgres() throws IOException, SQLException {
        adminUrl = System.getenv("BULWARK_TEST_POSTGRES_URL");
        if (adminUrl == null || adminUrl.isBlank()) {
            embeddedPostgres = EmbeddedPostgres.builder().start();
            adminUrl = embeddedPostgres.getJdbcUrl("postgres", "postgres");
        }
        databaseName = "bulwark_test_" + RUN_ID;
        execute("CREATE DATABASE " + databaseName);
        System.setProperty("spring.datasource.url", withDatabase(adminUrl, databaseName));
    }

    private static void startRedis() throws IOException {
        String url = System.getenv("BULWARK_TEST_REDIS_URL");
        if (url == null || url.isBlank()) {
            int port = freePort();
            embeddedRedis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            embeddedRedis.start();
            url = "redis://127.0.0.1:" + port;
        }
        System.setProperty("bulwark.redis.url", url);
        System.setProperty("bulwark.redis.key-prefix", "bulwark-test-" + RUN_ID + ":");
    }

    static synchronized void stop() {
        try {
            for (String name : classDatabases) {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            if (databaseName != null) {
                execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
            }
            if (embeddedRedis == null && redisUrl() != null) {
                deleteKeys(redisUrl(), keyPrefix());
            }
            if (embeddedPostgres != null) {
                embeddedPostgres.close();
            }
            if (embeddedRedis != null) {
                embeddedRedis.stop();
            }
        } catch (SQLException | IOException e) {
            System.err.println("Could not clean up test services: " + e.getMessage());
        }
    }

    /** Removes this run's keys from a shared Redis (they would expire anyway; this keeps the server tidy). */
    private static void deleteKeys(String url, String prefix) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(url);
        try (var connection = client.connect()) {
            var redis = connection.sync();
            io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
            do {
                io.lettuce.core.KeyScanCursor<String> page = redis.scan(
                        cursor,
                        io.lettuce.core.ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    /** Replaces the database of a {@code jdbc:postgresql://host:port/db?params} URL. */
    static String withDatabase(String jdbcUrl, String database) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + query;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

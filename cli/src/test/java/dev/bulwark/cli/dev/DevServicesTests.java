package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./bulwark dev} against real servers: the machine's own programs when installed, else the embedded ones. */
@Tag("slow")
class DevServicesTests {

    @TempDir
    java.nio.file.Path folder;

    DevProject project;

    @BeforeEach
    void project() {
        project = new DevProject(folder);
    }

    @AfterEach
    void stop() {
        project.stopQuietly();
    }

    @Test
    void startRunsBothInTheBackgroundWithPasswordsUntilStop() throws Exception {
        DevProject.Run started = project.start();

        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out())
                .contains("jdbc:postgresql://127.0.0.1:" + project.postgresPort + "/bulwark")
                .contains("export SPRING_DATASOURCE_URL=")
                .contains("export BULWARK_REDIS_URL=")
                .doesNotContain(project.secret(Secrets.POSTGRES))
                .doesNotContain(project.secret(Secrets.REDIS));
        DevProject.Run status = project.run("dev", "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).containsPattern("PostgreSQL +running +pid \\d+ +port " + project.postgresPort);
        assertThat(status.out()).containsPattern("Redis +running +pid \\d+ +port " + project.redisPort);
        try (Connection connection = project.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT current_user, usesuper FROM pg_user WHERE usename = current_user")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("bulwark");
            assertThat(row.getBoolean(2))
                    .as("the application's role is not a superuser")
                    .isFalse();
        }
        assertThat(RedisClient.send(project.redisPort, List.of(List.of("PING"))))
                .singleElement()
                .asString()
                .startsWith("-NOAUTH");
        assertThat(RedisClient.send(
                        project.redisPort, List.of(List.of("AUTH", project.secret(Secrets.REDIS)), List.of("PING"))))
                .containsExactly("+OK", "+PONG");
        Set<Long> children =
                ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        DevState state = DevState.load(project.dev().resolve("state.json"));
        assertThat(children)
                .as("detached: not children of this process")
                .doesNotContain(state.postgres().pid(), state.redis().pid());

        DevProject.Run stopped = project.run("dev", "stop");

        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        DevProject.Run after = project.run("dev", "status");
        assertThat(after.exitCode()).isEqualTo(DevStatus.NOT_RUNNING);
        assertThat(after.out()).containsPattern("PostgreSQL +stopped").containsPattern("Redis +stopped");
        assertThat(Ports.answers(project.postgresPort)).isFalse();
        assertThat(Ports.answers(project.redisPort)).isFalse();
        assertThat(project.dev().resolve("postgres/PG_VERSION")).as("data kept").exists();
    }

    @Test
    void startingWhatRunsChangesNothing() {
        assertThat(project.start().exitCode()).isZero();
        DevState first = DevState.load(project.dev().resolve("state.json"));

        DevProject.Run again = project.start();

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .contains(
                        "PostgreSQL is already running (pid " + first.postgres().pid())
                .contains("Redis is already running (pid " + first.redis().pid())
                .doesNotContain("==> starting");
        DevProject.Run moved = project.run("dev", "start", "--pg-port", String.valueOf(project.redisPort + 1));
        assertThat(moved.exitCode()).isEqualTo(2);
        assertThat(moved.err()).contains("is running on port " + project.postgresPort, "./bulwark dev stop first");
        assertThat(DevState.load(project.dev().resolve("state.json"))).isEqualTo(first);
    }

    @Test
    void servicesWhoseStateFileWasDeletedAreStillFoundAndStopped() throws Exception {
        assertThat(project.start().exitCode()).isZero();
        Files.delete(project.dev().resolve("state.json"));

        DevProject.Run again = project.start();

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("PostgreSQL is already running", "Redis is already running")
                .contains("export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:" + project.postgresPort);
        DevProject.Run stopped = project.run("dev", "stop");
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(Ports.answers(project.postgresPort)).isFalse();
        assertThat(Ports.answers(project.redisPort)).isFalse();
    }

    @Test
    void dataSurvivesAStopAndTheNextStartReusesThePorts() throws Exception {
        assertThat(project.start().exitCode()).isZero();
        try (Connection connection = project.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (value text)");
            statement.execute("INSERT INTO kept VALUES ('still here')");
        }
        String password = project.secret(Secrets.REDIS);
        RedisClient.send(project.redisPort, List.of(List.of("AUTH", password), List.of("SET", "kept", "in redis")));
        assertThat(project.run("dev", "stop").exitCode()).isZero();

        DevProject.Run restarted = project.run("dev", "start");

        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        try (Connection connection = project.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT value FROM kept")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("still here");
        }
        assertThat(RedisClient.send(project.redisPort, List.of(List.of("AUTH", password), List.of("GET", "kept"))))
                .containsExactly("+OK", "in redis");
    }

    @Test
    void stopWipeDeletesTheDevFolder() {
        assertThat(project.start().exitCode()).isZero();

        DevProject.Run wiped = project.run("dev", "stop", "--wipe");

        assertThat(wiped.exitCode()).as(wiped.err()).isZero();
        assertThat(project.dev()).doesNotExist();
        assertThat(Ports.answers(project.postgresPort)).isFalse();
        assertThat(Ports.answers(project.redisPort)).isFalse();
    }

    @Test
    void theDevFolderAndItsSecretsAreTheOwnersOnly() throws Exception {
        assertThat(project.start().exitCode()).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project.dev())))
                .isEqualTo("rwx------");
        for (String secret : List.of(Secrets.POSTGRES, Secrets.POSTGRES_SUPERUSER, Secrets.REDIS)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                            project.dev().resolve("secrets").resolve(secret))))
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(project.dev().resolve("redis/redis.conf"))))
                .as("it holds the Redis password")
                .isEqualTo("rw-------");
    }
}

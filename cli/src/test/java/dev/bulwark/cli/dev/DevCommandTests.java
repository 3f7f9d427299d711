package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./bulwark dev} refuses or reports without starting a server. */
class DevCommandTests {

    @TempDir
    Path folder;

    DevProject project;

    @BeforeEach
    void project() {
        project = new DevProject(folder);
    }

    @Test
    void eachPortInUseIsRefusedAndNothingIsWritten() throws Exception {
        for (String option : List.of("--pg-port", "--redis-port")) {
            int port = option.equals("--pg-port") ? project.postgresPort : project.redisPort;
            try (ServerSocket taken = new ServerSocket()) {
                taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));

                DevProject.Run refused = project.start();

                assertThat(refused.exitCode()).isEqualTo(2);
                assertThat(refused.err()).contains("port " + port + " on 127.0.0.1 is in use", option);
                assertThat(project.dev()).doesNotExist();
            }
        }
    }

    @Test
    void portsOutsideTheUnprivilegedRangeOrSharedAreRefused() {
        DevProject.Run low = project.run("dev", "start", "--pg-port", "80");
        DevProject.Run same = project.run("dev", "start", "--pg-port", "55999", "--redis-port", "55999");

        assertThat(low.exitCode()).isEqualTo(2);
        assertThat(low.err()).contains("--pg-port 80: choose a port from 1024 to 65535");
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("cannot share port 55999");
        assertThat(project.dev()).doesNotExist();
    }

    @Test
    void statusBeforeAnyStartSaysStoppedAndWritesNothing() {
        DevProject.Run status = project.run("dev", "status");

        assertThat(status.exitCode()).isEqualTo(DevStatus.NOT_RUNNING);
        assertThat(status.out()).containsPattern("PostgreSQL +stopped").containsPattern("Redis +stopped");
        assertThat(project.dev()).doesNotExist();
    }

    @Test
    void stopBeforeAnyStartHasNothingToDo() {
        DevProject.Run stop = project.run("dev", "stop", "--wipe");

        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("Nothing to stop: data/dev does not exist");
    }

    @Test
    void logsShowTheLastLinesOfTheNamedService() throws Exception {
        Path logs = Files.createDirectories(project.dev().resolve("logs"));
        Files.write(
                logs.resolve("postgres.log"),
                IntStream.rangeClosed(1, 500).mapToObj(i -> "pg line " + i).toList());
        Files.writeString(logs.resolve("redis.log"), "redis line 1\nredis line 2\n");

        DevProject.Run postgres = project.run("dev", "logs", "postgres", "--lines", "3");
        DevProject.Run both = project.run("dev", "logs");

        assertThat(postgres.exitCode()).isZero();
        assertThat(postgres.out().lines())
                .containsExactly("==> data/dev/logs/postgres.log <==", "pg line 498", "pg line 499", "pg line 500");
        assertThat(both.out().lines())
                .contains("pg line 451", "redis line 1", "redis line 2")
                .doesNotContain("pg line 450");
    }

    @Test
    void logsSayWhenThereAreNoneAndRefuseABadCount() {
        DevProject.Run none = project.run("dev", "logs", "redis");
        DevProject.Run zero = project.run("dev", "logs", "--lines", "0");
        DevProject.Run unknown = project.run("dev", "logs", "mysql");

        assertThat(none.out()).contains("(no log yet: ./bulwark dev start writes it)");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--lines 0: give 1 to 100000");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("expected one of [postgres, redis, idp]");
    }

    @Test
    void theTailOfALogWithoutAFinalNewlineOrLongerThanABlock() throws Exception {
        Path log = folder.resolve("long.log");
        String longLine = "x".repeat(20_000);
        Files.writeString(log, "first\n" + longLine + "\nlast without newline");

        assertThat(LogFiles.tail(log, 2)).containsExactly(longLine, "last without newline");
        assertThat(LogFiles.tail(log, 10)).containsExactly("first", longLine, "last without newline");
        assertThat(LogFiles.tail(folder.resolve("absent.log"), 5)).isEmpty();
    }
}

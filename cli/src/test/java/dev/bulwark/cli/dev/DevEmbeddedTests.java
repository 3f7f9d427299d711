package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binaries this tool carries, for a machine without PostgreSQL or Redis of its own ({@code --embedded}). */
@Tag("slow")
class DevEmbeddedTests {

    @TempDir
    Path folder;

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
    void theEmbeddedBinariesRunWhenAskedForAndAreKeptAfterwards() throws Exception {
        DevProject.Run started = project.start("--embedded");

        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("(embedded, " + project.dev().resolve("bin/postgres-17.6.0/bin"));
        assertThat(project.run("dev", "status").out())
                .contains("17.6 (embedded)")
                .contains("(embedded)");
        try (Connection connection = project.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW server_version")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("17.6");
        }
        assertThat(RedisClient.send(
                        project.redisPort, List.of(List.of("AUTH", project.secret(Secrets.REDIS)), List.of("PING"))))
                .containsExactly("+OK", "+PONG");

        assertThat(project.run("dev", "stop").exitCode()).isZero();
        DevProject.Run again = project.run("dev", "start");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .as("the data directory made by 17 picks the embedded 17 again; Redis the one that ran last")
                .contains("PostgreSQL 17.6 (embedded")
                .containsPattern("Redis [0-9.]+ \\(embedded");
    }
}

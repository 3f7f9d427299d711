package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Console;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./bulwark dev start --idp} refuses or reports without starting Keycloak. */
class DevIdpCommandTests {

    @TempDir
    Path folder;

    DevProject project;

    @BeforeEach
    void project() {
        project = new DevProject(folder);
    }

    @Test
    void portsOutsideTheUnprivilegedRangeAreRefusedBeforeAnythingStarts() {
        DevProject.Run idp = project.run("dev", "start", "--idp", "--idp-port", "80");
        DevProject.Run app = project.run("dev", "start", "--app-port", "70000");

        assertThat(idp.exitCode()).isEqualTo(2);
        assertThat(idp.err()).contains("--idp-port 80: choose a port from 1024 to 65535");
        assertThat(app.exitCode()).isEqualTo(2);
        assertThat(app.err()).contains("--app-port 70000: choose a port from 1024 to 65535");
        assertThat(project.dev()).doesNotExist();
    }

    @Test
    void anIdpPortInUseIsRefusedBeforePostgresAndRedisStart() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();

            DevProject.Run refused = project.start("--idp-port", String.valueOf(port));

            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("port " + port + " on 127.0.0.1 is in use", "Keycloak", "--idp-port");
            assertThat(project.dev()).doesNotExist();
        }
    }

    @Test
    void statusAndLogsMentionKeycloakOnlyOnceItWasStarted() throws Exception {
        DevProject.Run before = project.run("dev", "status");
        DevProject.Run noLog = project.run("dev", "logs", "idp");
        Files.createDirectories(project.dev().resolve("logs"));
        Files.writeString(project.dev().resolve("logs/idp.log"), "keycloak line 1\n");
        DevProject.Run all = project.run("dev", "logs");

        assertThat(before.out()).doesNotContain("Keycloak");
        assertThat(noLog.out()).contains("==> data/dev/logs/idp.log <==", "(no log yet");
        assertThat(all.out()).contains("==> data/dev/logs/idp.log <==", "keycloak line 1", "postgres.log", "redis.log");
    }

    @Test
    void startHelpOffersTheIdpOptions() {
        String help = DevCommand.commandLine(new Console(System.out), folder.toString())
                .getSubcommands()
                .get("start")
                .getUsageMessage();

        assertThat(help).contains("--idp", "--idp-port", "--app-port", "Keycloak 26.7.3");
    }
}

package dev.bulwark.ops;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.BulwarkApplication;
import dev.bulwark.Slow;
import dev.bulwark.access.AdminClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Local mode ({@code ./bulwark run}) end to end on its own embedded PostgreSQL, under a data directory of this test
 * rather than ./data: the same HTTP behaviour as production (including what H2 got wrong), a server reachable on
 * 127.0.0.1 only, and accounts kept across restarts, also after a run that left its PostgreSQL running.
 */
@Slow // starts a PostgreSQL cluster of its own and restarts the application on it
class LocalModeTests {

    @TempDir
    static Path data;

    static ConfigurableApplicationContext app;
    static MockMvc mvc;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(BulwarkApplication.class)
                .profiles("test", "local") // test: the bootstrap admin and signing keys a deployment would supply
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=", // not this run's shared PostgreSQL: local mode starts its own
                        "--bulwark.redis.url=", // and keeps shared state in-process
                        "--bulwark.local-database.directory=" + directory(),
                        // logging is global to the JVM: keep the JSON format the other test classes assert on
                        "--logging.structured.format.console=ecs");
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup((WebApplicationContext) app);
        SpringBootMockMvcBuilderCustomizer filters =
                new SpringBootMockMvcBuilderCustomizer((WebApplicationContext) app);
        filters.setPrint(MockMvcPrint.NONE); // request dumps would put test passwords in the captured logs
        filters.customize(builder);
        mvc = builder.build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static Path directory() {
        return data.resolve("postgres").toAbsolutePath().normalize();
    }

    @Test
    void registerLoginRefreshReuseAndLogoutWork() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens first = client.newUser(email);
        client.me(first)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(email));
        client.register(email, PASSWORD).andExpect(status().isAccepted());

        AuthClient.Tokens second =
                AuthClient.tokens(client.refresh(first.refreshToken()).andReturn());
        client.refresh(first.refreshToken()).andExpect(status().isUnauthorized());
        client.me(second).andExpect(status().isUnauthorized());

        AuthClient.Tokens again = client.signIn(email, PASSWORD);
        mvc.perform(get("/api/v1/auth/sessions").header("Authorization", again.bearer()))
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(post("/api/v1/auth/logout").header("Authorization", again.bearer()))
                .andExpect(status().isNoContent());
        client.me(again).andExpect(status().isUnauthorized());
    }

    @Test
    void anAdminCanBeDemotedAndAnotherDeleted() throws Exception { // both answered 500 on H2
        AdminClient admin = new AdminClient(mvc);
        var demoted = admin.createUser(AuthClient.uniqueEmail(), "ADMIN");
        admin.perform(
                        patch("/api/v1/admin/users/" + demoted.get("id").asString()),
                        "{\"roles\":[\"USER\"],\"version\":"
                                + demoted.get("version").asLong() + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles[0]").value("USER"));
        var deleted = admin.createUser(AuthClient.uniqueEmail(), "ADMIN");
        admin.perform(delete("/api/v1/admin/users/" + deleted.get("id").asString()))
                .andExpect(status().isNoContent());
        admin.perform(get("/api/v1/admin/users/" + deleted.get("id").asString()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theDatabaseIsPostgresListeningOnLoopbackOnly() throws Exception {
        String url = app.getBean(JdbcConnectionDetails.class).getJdbcUrl();
        assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
        JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL 17");
        assertThat(jdbc.queryForObject("show data_directory", String.class))
                .isEqualTo(directory().toString());
        assertThat(jdbc.queryForObject("show listen_addresses", String.class)).isEqualTo("127.0.0.1");
        assertThat(jdbc.queryForObject("show unix_socket_directories", String.class))
                .isEmpty();
        int port = URI.create(url.substring("jdbc:".length())).getPort();
        for (InetAddress address : ownAddressesBesidesLoopback()) {
            assertThatThrownBy(() -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(address, port), 2_000);
                        }
                    })
                    .as("connecting through %s", address)
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void accountsSurviveARestartAlsoAfterARunThatLeftItsPostgresRunning() throws Exception {
        String email = AuthClient.uniqueEmail();
        new AuthClient(mvc).newUser(email);
        stop();
        start();
        new AuthClient(mvc).login(email, PASSWORD).andExpect(status().isOk());

        stop();
        long leftover = leaveAPostgresRunning();
        assertThat(ProcessHandle.of(leftover)).isPresent();
        start();
        assertThat(ProcessHandle.of(leftover)).as("the leftover postmaster").isEmpty();
        new AuthClient(mvc).login(email, PASSWORD).andExpect(status().isOk());
    }

    /** What a killed run or the AOT training run (which ends with Runtime.halt) leaves: a postmaster, no JVM. */
    private static long leaveAPostgresRunning() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process run = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HaltingRun.class.getName(),
                        directory().toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("halting-run.log").toFile())
                .start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        return Long.parseLong(Files.readAllLines(directory().resolve("postmaster.pid"))
                .getFirst()
                .strip());
    }

    private static List<InetAddress> ownAddressesBesidesLoopback() throws Exception {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
    }

    /** Starts PostgreSQL on the data directory the way local mode does, then ends without any shutdown hook. */
    static final class HaltingRun {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgres.builder()
                    .setDataDirectory(Path.of(args[0]))
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            Runtime.getRuntime().halt(0);
        }
    }
}

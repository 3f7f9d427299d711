package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.Slow;
import dev.bulwark.TestHttp;
import dev.bulwark.TestServices;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * PostgreSQL stops while the service runs, then comes back. The test runs a PostgreSQL of its own (own port and data
 * directory); the machine's shared one is never touched.
 */
@IntegrationTest
@Slow
class DatabaseOutageTests {

    static int port;
    static Path data;
    static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) throws Exception {
        port = TestServices.freePort();
        data = Files.createTempDirectory("bulwark-pg-outage");
        postgres = start();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    }

    private static EmbeddedPostgres start() throws Exception {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    @Test
    void requestsGet503QuicklyWhileItIsDownAndNothingAcknowledgedIsLost() throws Exception {
        AuthClient client = new AuthClient(mvc);
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = AuthClient.uniqueEmail();
            client.newUser(email);
            acknowledged.add(email);
        }
        AuthClient.Tokens tokens = client.signIn(acknowledged.getFirst(), AuthClient.PASSWORD);

        postgres.close();
        long start = System.nanoTime();
        HttpResponse<String> down = get("/api/v1/me", tokens, serverPort);
        Duration toRefuse = Duration.ofNanos(System.nanoTime() - start);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(down.body())
                .contains("service-unavailable")
                .doesNotContain("Exception")
                .doesNotContain("SQL");
        assertThat(toRefuse).isLessThan(Duration.ofMillis(2_500));
        assertThat(get("/actuator/health/readiness", null, managementPort).statusCode())
                .isEqualTo(503);

        // The pool has seen PostgreSQL refuse. Of sign-ins arriving together (each reads its own account), at most one
        // waits the whole 2 s connection timeout (the one request a second that probes); the others wait 100 ms.
        List<Duration> together = signInTimes(acknowledged.subList(1, acknowledged.size()));
        assertThat(together.stream().filter(time -> time.compareTo(Duration.ofMillis(1_000)) < 0))
                .as("answered within 1 s: %s", together)
                .hasSizeGreaterThanOrEqualTo(together.size() - 1);

        postgres = start();
        long back = System.nanoTime();
        int status = 0;
        while (System.nanoTime() - back < Duration.ofSeconds(20).toNanos()) {
            status = get("/api/v1/me", tokens, serverPort).statusCode();
            if (status == 200) {
                break;
            }
            Thread.sleep(250);
        }
        Duration toRecover = Duration.ofNanos(System.nanoTime() - back);
        System.out.printf(
                "PostgreSQL outage: 503 after %d ms, recovered %d ms after restart%n",
                toRefuse.toMillis(), toRecover.toMillis());
        assertThat(status).isEqualTo(200);
        for (String email : acknowledged) {
            assertThat(client.login(email, AuthClient.PASSWORD)
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(email)
                    .isEqualTo(200);
        }
    }

    /**
     * Signs in as each account at the same moment over HTTP; each must be refused 503 for the database (not "busy"),
     * and this returns how long each took.
     */
    private List<Duration> signInTimes(List<String> emails) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Duration>> answers = new ArrayList<>();
            for (String email : emails) {
                answers.add(threads.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    HttpResponse<String> refused = TestHttp.port(serverPort)
                            .postJson(
                                    "/api/v1/auth/login",
                                    "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, AuthClient.PASSWORD));
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(refused.statusCode()).isEqualTo(503);
                    assertThat(refused.body()).contains("service-unavailable");
                    return took;
                }));
            }
            go.countDown();
            List<Duration> times = new ArrayList<>();
            for (Future<Duration> answer : answers) {
                times.add(answer.get(30, TimeUnit.SECONDS));
            }
            return times;
        }
    }

    private HttpResponse<String> get(String path, AuthClient.Tokens tokens, int port) throws Exception {
        return TestHttp.send(TestHttp.authorized(
                TestHttp.port(port).request(path).timeout(Duration.ofSeconds(10)),
                tokens == null ? null : tokens.bearer()));
    }
}

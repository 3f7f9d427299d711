package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.Slow;
import dev.bulwark.TestHttp;
import dev.bulwark.TestServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import redis.embedded.RedisServer;

/**
 * Redis goes away while the service runs, then comes back. This test starts and stops a Redis of its own; the
 * machine's shared Redis is never touched.
 */
@IntegrationTest
@Slow
class RedisOutageTests {

    static int port;
    static RedisServer redis;

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) throws Exception {
        port = TestServices.freePort();
        redis = start(port);
        registry.add("bulwark.redis.url", () -> "redis://127.0.0.1:" + port);
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + port);
        registry.add("bulwark.redis.key-prefix", () -> "outage-test:");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
    }

    private static RedisServer start(int port) throws Exception {
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return server;
    }

    @Autowired
    MockMvc mvc;

    @LocalManagementPort
    int managementPort;

    @org.springframework.boot.test.web.server.LocalServerPort
    int serverPort;

    /** Over real HTTP: a failure inside the filter chain becomes an error dispatch only in a real servlet container. */
    private HttpResponse<String> me(AuthClient.Tokens tokens) throws Exception {
        return TestHttp.send(TestHttp.port(serverPort)
                .request("/api/v1/me")
                .header("Authorization", tokens.bearer())
                .timeout(Duration.ofSeconds(10)));
    }

    @Test
    void revocationFailsClosedRateLimitsFallBackReadinessDropsAndEverythingRecovers() throws Exception {
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens tokens = client.newUser(AuthClient.uniqueEmail());
        assertThat(me(tokens).statusCode()).isEqualTo(200);
        assertThat(readiness()).isEqualTo(200);

        redis.stop();
        long start = System.nanoTime();
        // A "not revoked" answer is reused for up to a second, so the refusal comes within about a second.
        HttpResponse<String> refused = me(tokens);
        while (refused.statusCode() == 200
                && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(100);
            refused = me(tokens);
        }
        Duration toRefuse = Duration.ofNanos(System.nanoTime() - start);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(refused.body()).contains("service-unavailable").doesNotContain("Exception");
        assertThat(toRefuse).isLessThan(Duration.ofSeconds(5));

        MvcResult ping = mvc.perform(get("/api/v1/ping")).andReturn();
        assertThat(status(ping)).isEqualTo(200);
        assertThat(ping.getResponse().getHeader("RateLimit-Remaining")).isNotNull(); // per-instance buckets
        assertThat(readiness()).isEqualTo(503);

        redis = start(port);
        long back = System.nanoTime();
        int answer = 0;
        while (System.nanoTime() - back < Duration.ofSeconds(15).toNanos()) {
            answer = me(tokens).statusCode();
            if (answer == 200 && readiness() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        Duration toRecover = Duration.ofNanos(System.nanoTime() - back);
        System.out.printf(
                "Redis outage: refused after %d ms, recovered %d ms after Redis returned%n",
                toRefuse.toMillis(), toRecover.toMillis());
        assertThat(answer).isEqualTo(200);
        assertThat(toRecover).isLessThan(Duration.ofSeconds(10));
    }

    private int readiness() throws Exception {
        return TestHttp.send(
                        TestHttp.port(managementPort)
                                .request("/actuator/health/readiness")
                                .timeout(Duration.ofSeconds(5)),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int status(MvcResult result) {
        return result.getResponse().getStatus();
    }
}

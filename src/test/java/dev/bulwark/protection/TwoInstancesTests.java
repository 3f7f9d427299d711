package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.AuthClient;
import dev.bulwark.BulwarkApplication;
import dev.bulwark.Slow;
import dev.bulwark.TestHttp;
import dev.bulwark.TestServices;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Two instances of the service, on their own ports, sharing this run's PostgreSQL and Redis. */
@Slow
class TwoInstancesTests {

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startBoth() {
        String prefix = TestServices.keyPrefix() + "two-instances-" + UUID.randomUUID() + ":";
        a = start(prefix);
        b = start(prefix);
    }

    private static ConfigurableApplicationContext start(String prefix) {
        return new SpringApplicationBuilder(BulwarkApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--bulwark.redis.key-prefix=" + prefix,
                        "--bulwark.bootstrap.admin.email=");
    }

    @AfterAll
    static void stopBoth() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aSignOutOnOneInstanceRejectsTheTokenOnTheOther() throws Exception {
        String email = AuthClient.uniqueEmail();
        assertThat(TestHttp.of(a)
                        .postJson(
                                "/api/v1/auth/register",
                                AuthClient.json("email", email, "password", AuthClient.PASSWORD, "displayName", "Two"))
                        .statusCode())
                .isEqualTo(202);
        HttpResponse<String> login = TestHttp.of(a)
                .postJson("/api/v1/auth/login", AuthClient.json("email", email, "password", AuthClient.PASSWORD));
        String token =
                JsonMapper.shared().readTree(login.body()).get("accessToken").asString();

        assertThat(get(b, "/api/v1/me", token).statusCode()).isEqualTo(200);
        assertThat(TestHttp.send(TestHttp.of(a)
                                .request("/api/v1/auth/logout")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(204);
        // Instances reuse a "not revoked" answer for up to a second: the sign-out reaches B within that.
        long start = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - start < 3_000_000_000L) {
            status = get(b, "/api/v1/me", token).statusCode();
            if (status == 200) {
                Thread.sleep(100);
            }
        }
        assertThat(status).isEqualTo(401);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
    }

    @Test
    void aRateLimitConsumedOnOneInstanceHoldsOnTheOther() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get(a, "/test/limited/ping", null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = get(b, "/test/limited/ping", null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String token)
            throws Exception {
        return TestHttp.of(app).get(path, token == null ? null : "Bearer " + token);
    }
}

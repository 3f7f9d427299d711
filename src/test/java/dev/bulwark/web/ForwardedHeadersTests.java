package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.Slow;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * On Kubernetes Spring Boot would switch Tomcat's RemoteIpValve on by itself, and loopback is one of the valve's
 * internal proxies: these requests from 127.0.0.1, with no trusted proxy configured, would then choose their own
 * client address and Host. {@code server.forward-headers-strategy: none} keeps both with the socket and the Host
 * header; only {@link ClientAddresses} reads X-Forwarded-For, and only from a configured trusted proxy.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.cloud-platform=kubernetes",
            "springdoc.api-docs.enabled=false", // production's default; the test profile turns the docs on
            "bulwark.protection.rate-limits.probe.paths=/test/not-limited-here",
            "bulwark.protection.rate-limits.forwarded.paths=/test/limited/**",
            "bulwark.protection.rate-limits.forwarded.capacity=3",
            "bulwark.protection.rate-limits.forwarded.period=1h"
        })
@ActiveProfiles("test")
@Slow // an application context of its own (a Kubernetes platform, production defaults)
class ForwardedHeadersTests {

    @LocalServerPort
    int port;

    @Test
    void forwardedForFromAnUntrustedPeerDoesNotChooseTheRateLimitKey() throws IOException {
        for (int i = 1; i <= 3; i++) {
            assertThat(get("localhost", "X-Forwarded-For: 203.0.113." + i).status())
                    .isEqualTo(200);
        }
        RawHttp.Response fourth = get("localhost", "X-Forwarded-For: 203.0.113.4");
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.body()).contains("too-many-requests");
        assertThat(fourth.header("Retry-After")).isNotBlank();
    }

    @Test
    void forwardedHostDoesNotPassTheHostAllowlist() throws IOException {
        RawHttp.Response forged = get("evil.example", "X-Forwarded-Host: localhost");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("invalid-host");
        RawHttp.Response allowed = get("localhost", "X-Forwarded-Host: evil.example");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"ok\"");
    }

    /** The same production context: API docs are opt-in, and ReDoc's static page follows the switch. */
    @Test
    void apiDocsAreOffUnlessEnabled() throws IOException {
        for (String path : new String[] {"/v3/api-docs", "/swagger-ui.html", "/redoc.html"}) {
            RawHttp.Response response =
                    RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("not-found").doesNotContain("openapi");
        }
    }

    private RawHttp.Response get(String host, String forwarded) throws IOException {
        String path = forwarded.startsWith("X-Forwarded-For") ? "/test/limited/ping" : "/api/v1/ping";
        return RawHttp.send(
                port,
                "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + forwarded
                        + "\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");
    }
}

package dev.bulwark.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.TestThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Discovery and every other call to an identity provider, against a provider on a local port that answers as each
 * test says, or hangs: the timeout holds, concurrent sign-ins share one discovery, its failure included.
 */
class ProvidersTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final AtomicInteger discoveries = new AtomicInteger();
    private final Queue<String> paths = new ConcurrentLinkedQueue<>();
    private final CountDownLatch hung = new CountDownLatch(1); // counted down when a request starts hanging
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.HANG);
    private final AtomicReference<String> documentIssuer = new AtomicReference<>();
    private HttpServer server;
    private String base;

    private enum Answer {
        HANG,
        UNAVAILABLE,
        DOCUMENT
    }

    @BeforeEach
    void startProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopProvider() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void concurrentSignInsWaitingForAHungDiscoveryShareItsFailureAfterOneTimeout() throws Exception {
        Providers providers = providers(base + "/realms/test");
        int signIns = 4;
        long started = System.nanoTime();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> outcomes = new ArrayList<>();
            outcomes.add(callers.submit(() -> providers.findByRegistrationId("corp")));
            assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();
            List<AtomicReference<Thread>> waiters = new ArrayList<>();
            for (int i = 1; i < signIns; i++) {
                AtomicReference<Thread> waiter = new AtomicReference<>();
                waiters.add(waiter);
                outcomes.add(callers.submit(() -> {
                    waiter.set(Thread.currentThread());
                    return providers.findByRegistrationId("corp");
                }));
            }
            waiters.forEach(TestThreads::awaitParked);
            for (Future<?> outcome : outcomes) {
                assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(OidcProblems.ProviderUnavailable.class);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(discoveries).hasValue(1);
        // One timeout for all of them; taking turns would be one each (4 s).
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.multipliedBy(3));
    }

    @Test
    void theDiscoveryDocumentMustNameTheConfiguredIssuer() {
        answer.set(Answer.DOCUMENT);
        documentIssuer.set("https://other.example.com");
        Providers providers = providers(base + "/realms/test");

        assertThatThrownBy(() -> providers.findByRegistrationId("corp"))
                .isInstanceOf(OidcProblems.ProviderUnavailable.class)
                .cause()
                .hasMessageContaining("names the issuer 'https://other.example.com'");
    }

    @Test
    void aFailedDiscoveryIsNotKeptAndATrailingSlashOfTheIssuerIsDroppedBeforeTheWellKnownPath() {
        String issuer = base + "/realms/test/";
        Providers providers = providers(issuer);
        answer.set(Answer.UNAVAILABLE);
        assertThatThrownBy(() -> providers.findByRegistrationId("corp"))
                .isInstanceOf(OidcProblems.ProviderUnavailable.class);

        answer.set(Answer.DOCUMENT);
        documentIssuer.set(issuer);
        ClientRegistration registration = providers.findByRegistrationId("corp");

        assertThat(registration).isNotNull();
        assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(base + "/token");
        assertThat(registration.getProviderDetails().getJwkSetUri()).isEqualTo(base + "/jwks");
        assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
        assertThat(registration.getClientId()).isEqualTo("bulwark");
        assertThat(providers.findByRegistrationId("corp")).isSameAs(registration);
        assertThat(providers.findByRegistrationId("other")).isNull();
        assertThat(discoveries).hasValue(2);
        assertThat(paths).containsOnly("/realms/test/.well-known/openid-configuration");
    }

    @Test
    void theTokenEndpointAndTheJwksAreGivenUpAfterTheTimeoutToo() throws Exception {
        answer.set(Answer.DOCUMENT);
        documentIssuer.set(base);
        ProviderHttp http = new ProviderHttp(TIMEOUT);
        ClientRegistration registration = providers(base).findByRegistrationId("corp");
        answer.set(Answer.HANG);

        long started = System.nanoTime();
        assertThatThrownBy(() -> http.tokenEndpoint()
                        .post()
                        .uri(registration.getProviderDetails().getTokenUri())
                        .retrieve()
                        .toBodilessEntity())
                .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));

        started = System.nanoTime();
        String token = signedToken();
        assertThatThrownBy(() -> http.jwks(registration).decode(token)).isInstanceOf(JwtException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
        assertThat(paths).contains("/token", "/jwks");
    }

    private Providers providers(String issuer) {
        OidcProperties.Provider provider = new OidcProperties.Provider(
                URI.create(issuer), "bulwark", "secret", List.of("openid", "email"), null, Map.of(), false, null);
        OidcProperties properties = new OidcProperties(
                URI.create("https://api.example.com"),
                List.of(),
                Map.of("corp", provider),
                new OidcProperties.Session(Duration.ofMinutes(30), Duration.ofHours(12), "Lax", true, false),
                TIMEOUT);
        return new Providers(properties, new ProviderHttp(TIMEOUT), Runnable::run, Clock.systemUTC());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        paths.add(path);
        if (path.endsWith("/.well-known/openid-configuration")) {
            discoveries.incrementAndGet();
        }
        try (exchange) {
            switch (answer.get()) {
                case HANG -> {
                    hung.countDown();
                    TestThreads.await(release, 30);
                }
                case UNAVAILABLE -> exchange.sendResponseHeaders(503, -1);
                case DOCUMENT -> {
                    byte[] body = document().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        }
    }

    private String document() {
        String template = """
                {"issuer": "%s", "authorization_endpoint": "%s/authorize", "token_endpoint": "%s/token",
                 "jwks_uri": "%s/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}""";
        return template.formatted(documentIssuer.get(), base, base, base);
    }

    private static String signedToken() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().subject("someone").build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}

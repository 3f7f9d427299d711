package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.TestHttp;
import dev.bulwark.web.AccessLogLines;
import dev.bulwark.web.WebProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracing (docs/operations.md#tracing): the spans of one request, read from an in-memory exporter; every trace
 * sampled here so the test sees them (production samples 10%).
 */
@IntegrationTest
@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
@Import(TracingTests.InMemorySpans.class)
@ExtendWith(OutputCaptureExtension.class)
class TracingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemorySpans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter exporter;

    @Autowired
    SdkTracerProvider tracerProvider;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @Test
    void anAuthenticatedRequestIsOneServerSpanWithJdbcAndRedisChildSpansAndNoSecrets() throws Exception {
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens tokens = new AuthClient(mvc).newUser(email);

        HttpResponse<String> me = TestHttp.port(port).get("/api/v1/me", tokens.bearer());

        assertThat(me.statusCode()).isEqualTo(200);
        List<SpanData> trace = traceOf(serverSpan("/api/v1/me").getTraceId());
        SpanData server = serverSpan("/api/v1/me");
        assertThat(trace).filteredOn(span -> span.getKind() == SpanKind.SERVER).containsExactly(server);
        List<SpanData> jdbc = trace.stream()
                .filter(span -> span.getAttributes().asMap().keySet().stream()
                        .anyMatch(key -> key.getKey().startsWith("jdbc")))
                .toList();
        List<SpanData> redis = trace.stream()
                .filter(span -> "redis".equals(attribute(span, "db.system")))
                .toList();
        assertThat(jdbc).isNotEmpty().allMatch(span -> descendsFrom(span, server, trace));
        assertThat(jdbc.stream().map(span -> String.valueOf(attribute(span, "jdbc.query[0]"))))
                .anyMatch(sql -> sql.contains("FROM account a LEFT JOIN account_role"));
        assertThat(redis).isNotEmpty().allMatch(span -> descendsFrom(span, server, trace));
        String everything = trace.toString();
        assertThat(everything)
                .doesNotContain(tokens.accessToken())
                .doesNotContain(email)
                .doesNotContain("Bearer")
                .doesNotContain("authorization")
                .doesNotContain("jdbc:postgresql")
                .doesNotContain("http.url");
    }

    @Test
    void anErrorResponseNamesTheTraceOfItsSpansAndItsLogLinesCarryIt(CapturedOutput output) throws Exception {
        String requestId = "traced-" + UUID.randomUUID();
        HttpResponse<String> refused = TestHttp.send(TestHttp.port(port)
                .request("/api/v1/me")
                .header("Authorization", "Bearer not-a-token")
                .header("X-Request-ID", requestId)
                .GET());

        assertThat(refused.statusCode()).isEqualTo(401);
        JsonNode problem = JSON.readTree(refused.body());
        String traceId = problem.get("traceId").asString();
        assertThat(traceId)
                .matches("[0-9a-f]{32}")
                .isEqualTo(serverSpan(null, traceId).getTraceId());
        assertThat(AccessLogLines.of(output, requestId))
                .contains("\"traceId\":\"" + traceId + "\"")
                .contains("\"spanId\":\"");
    }

    @Test
    void aW3cTraceParentIsContinuedAndNamedInTheProblem() throws Exception {
        String parentTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> notFound = TestHttp.send(TestHttp.port(port)
                .request("/nowhere")
                .header("traceparent", "00-" + parentTrace + "-00f067aa0ba902b7-01")
                .GET());

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(notFound.body()).get("traceId").asString()).isEqualTo(parentTrace);
        assertThat(serverSpan(null, parentTrace).getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    /** Spring Security's own observations are off (web.SecurityConfiguration): no spans, no meters of its own. */
    @Test
    void springSecurityMakesNoSpansOrMetersOfItsOwn() throws Exception {
        AuthClient.Tokens tokens = new AuthClient(mvc).newUser(AuthClient.uniqueEmail());

        assertThat(TestHttp.port(port).get("/api/v1/me", tokens.bearer()).statusCode())
                .isEqualTo(200);
        assertThat(TestHttp.port(port).get("/api/v1/me", "Bearer not-a-token").statusCode())
                .isEqualTo(401);

        List<SpanData> trace = traceOf(serverSpan("/api/v1/me").getTraceId());
        assertThat(trace)
                .extracting(SpanData::getName)
                .isNotEmpty()
                .noneMatch(name ->
                        name.contains("security") || name.startsWith("authori") || name.startsWith("authentic"));
        assertThat(meters.getMeters())
                .extracting(meter -> meter.getId().getName())
                .contains("http.server.requests")
                .noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void nothingIsExportedByDefault() {
        assertThat(context.getBeansOfType(SpanExporter.class).values()).containsExactly(exporter);
        assertThat(context.getBeansOfType(LogRecordExporter.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isNull();
    }

    /** Boot's own wiring, on its own: one property turns OTLP export on, sent over HTTP with the JDK's client. */
    @Test
    void onePropertyTurnsOtlpExportOn() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            received.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ObservationAutoConfiguration.class,
                        MicrometerTracingAutoConfiguration.class,
                        OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class,
                        OtlpTracingAutoConfiguration.class))
                .withPropertyValues("management.tracing.sampling.probability=1.0");
        try {
            runner.run(off -> assertThat(off).doesNotHaveBean(OtlpHttpSpanExporter.class));
            runner.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
                            + collector.getAddress().getPort() + "/v1/traces")
                    .run(on -> {
                        assertThat(on).hasSingleBean(OtlpHttpSpanExporter.class);
                        SdkTracerProvider provider = on.getBean(SdkTracerProvider.class);
                        provider.get("probe").spanBuilder("probe").startSpan().end();
                        provider.forceFlush().join(10, TimeUnit.SECONDS);
                        assertThat(received).containsExactly("POST application/x-protobuf");
                    });
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void productionRefusesSqlParameterValuesInSpansAndLocalModeWarns(CapturedOutput output) {
        for (String name : List.of(
                "jdbc.datasource-proxy.include-parameter-values",
                "jdbc.datasource-proxy.query.enable-logging",
                "jdbc.datasource-proxy.slow-query.enable-logging")) {
            MockEnvironment production = new MockEnvironment()
                    .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/app")
                    .withProperty("bulwark.web.allowed-hosts", "api.example.com")
                    .withProperty("bulwark.auth.signing-keys[0]", "file:/run/secrets/jwt.pem")
                    .withProperty(name, "true");
            WebProperties web = Binder.get(production).bindOrCreate("bulwark.web", WebProperties.class);
            assertThat(UnsafeSettings.in(production, web))
                    .singleElement()
                    .asString()
                    .startsWith(name + " is true: SQL parameter values");
            assertThat(UnsafeSettings.in(production.withProperty(name, "false"), web))
                    .isEmpty();
        }
        MockEnvironment local =
                new MockEnvironment().withProperty("jdbc.datasource-proxy.include-parameter-values", "true");
        local.setActiveProfiles("local");
        GenericApplicationContext app = new GenericApplicationContext();
        app.setEnvironment(local);
        new UnsafeConfigurationGuard()
                .onApplicationEvent(new ApplicationPreparedEvent(new SpringApplication(), new String[0], app));
        assertThat(output.getOut())
                .contains("LOCAL MODE - NOT FOR PRODUCTION")
                .contains("jdbc.datasource-proxy.include-parameter-values is true");
    }

    private SpanData serverSpan(String route) {
        return serverSpan(route, null);
    }

    /**
     * The newest finished server span for the route (any route when null), in the given trace when not null. The
     * server span ends after the response was sent, so it may take a moment to arrive.
     */
    private SpanData serverSpan(String route, String traceId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> {
                            flush();
                            return exporter.getFinishedSpanItems().reversed().stream()
                                    .filter(span -> span.getKind() == SpanKind.SERVER)
                                    .filter(span -> route == null || route.equals(attribute(span, "uri")))
                                    .filter(span -> traceId == null || traceId.equals(span.getTraceId()))
                                    .findFirst();
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    private List<SpanData> traceOf(String traceId) {
        flush();
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }

    private static boolean descendsFrom(SpanData span, SpanData ancestor, List<SpanData> trace) {
        String parent = span.getParentSpanId();
        while (!parent.equals(ancestor.getSpanId())) {
            String current = parent;
            SpanData next = trace.stream()
                    .filter(candidate -> candidate.getSpanId().equals(current))
                    .findFirst()
                    .orElse(null);
            if (next == null) {
                return false;
            }
            parent = next.getParentSpanId();
        }
        return true;
    }

    private static Object attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream()
                .filter(entry -> entry.getKey().getKey().equals(key))
                .map(java.util.Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private void flush() {
        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
    }
}

package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

class EcsLogFormatterTests {

    @Test
    void anAccessLineIsWrittenAsBootsEcsFormatterWritesIt() {
        LoggingEvent event = event(
                "GET /api/v1/me -> 200 in 1 ms",
                Map.of(
                        "traceId",
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        "spanId",
                        "00f067aa0ba902b7",
                        "requestId",
                        "r-1"));
        event.addKeyValuePair(new KeyValuePair("http.method", "GET"));
        event.addKeyValuePair(new KeyValuePair("http.route", "/api/v1/me"));
        event.addKeyValuePair(new KeyValuePair("http.status", 200));
        event.addKeyValuePair(new KeyValuePair("duration.ms", 1L));

        String line = assertSameAsBoot(new MockEnvironment(), event);

        assertThat(line)
                .contains("\"http\":{\"method\":\"GET\",\"route\":\"/api/v1/me\",\"status\":200}")
                .endsWith("\"ecs\":{\"version\":\"8.11\"}}\n");
    }

    @Test
    void charactersThatNeedEscapingOrSeveralBytesAreEncodedAsBootEncodesThem() {
        String message = "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 é € 🛡 lone \ud83d end";

        String line = assertSameAsBoot(new MockEnvironment(), event(message));

        assertThat(line).contains("\\\"", "\\\\", "\\n", "\\t", "\\u0000", "é €", "🛡");
    }

    @Test
    void anExceptionWithItsCauseAndNestedMarkersAreWrittenAsBootWritesThem() {
        LoggingEvent event = event("failed");
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(
                new IllegalStateException("outer", new IllegalArgumentException("inner"))));
        Marker security = MarkerFactory.getDetachedMarker("security");
        security.add(MarkerFactory.getDetachedMarker("audit"));
        event.addMarker(security);

        String line = assertSameAsBoot(new MockEnvironment(), event);

        assertThat(line)
                .contains("\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":\"outer\"")
                .contains("Caused by: java.lang.IllegalArgumentException: inner")
                .contains("\"tags\":[\"audit\",\"security\"]");
    }

    @Test
    void theServiceFieldsAndTheJsonCustomisationsOfBootsPropertiesApply() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.application.pid", "4242")
                .withProperty("logging.structured.ecs.service.name", "orders")
                .withProperty("logging.structured.ecs.service.version", "1.2.3")
                .withProperty("logging.structured.ecs.service.environment", "prod")
                .withProperty("logging.structured.json.exclude", "process.thread")
                .withProperty("logging.structured.json.rename.log.logger", "log.name")
                .withProperty("logging.structured.json.add.team", "payments")
                .withProperty("logging.structured.json.stacktrace.max-length", "120");
        LoggingEvent event = event("with a trace");
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));

        String line = assertSameAsBoot(environment, event);

        assertThat(line)
                .contains("\"process\":{\"pid\":4242}", "\"name\":\"orders\"", "\"team\":\"payments\"")
                .contains("\"log\":{\"level\":\"INFO\",\"log.name\":\"dev.bulwark.test\"}")
                .doesNotContain("\"thread\"");
    }

    /** The line both formatters write for the event, after asserting they write the same bytes. */
    private static String assertSameAsBoot(MockEnvironment environment, LoggingEvent event) {
        byte[] boot = encoder(environment, "ecs").encode(event);
        byte[] ours = encoder(environment, EcsLogFormatter.class.getName()).encode(event);

        String line = new String(ours, StandardCharsets.UTF_8);
        assertThat(line).isEqualTo(new String(boot, StandardCharsets.UTF_8));
        assertThat(ours).isEqualTo(boot);
        return line;
    }

    private static StructuredLogEncoder encoder(MockEnvironment environment, String format) {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        return encoder;
    }

    private static LoggingEvent event(String message) {
        return event(message, Map.of());
    }

    private static LoggingEvent event(String message, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerName("dev.bulwark.test");
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setThreadName("tomcat-handler-7");
        event.setInstant(Instant.parse("2026-12-02T01:02:03.456789Z"));
        event.setMDCPropertyMap(mdc);
        return event;
    }
}

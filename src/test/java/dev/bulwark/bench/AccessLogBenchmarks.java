package dev.bulwark.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * Cost of encoding one access-log line as the console appender does: Boot's {@code ecs} formatter against
 * {@code EcsLogFormatter}, which writes the same bytes (lever O in docs/performance.md). Run:
 * {@code ./bulwark bench jmh AccessLogBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessLogBenchmarks {

    @Param({"ecs", "dev.bulwark.web.EcsLogFormatter"})
    public String format;

    private StructuredLogEncoder encoder;
    private LoggingEvent accessLine;

    @Setup
    public void setUp() {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), new MockEnvironment());
        encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        accessLine = new LoggingEvent();
        accessLine.setLoggerName("dev.bulwark.access");
        accessLine.setLevel(Level.INFO);
        accessLine.setThreadName("ACCESS_ASYNC");
        accessLine.setInstant(Instant.parse("2026-12-02T01:02:03.456789Z"));
        accessLine.setMessage("GET /api/v1/me -> 200 in 1 ms");
        accessLine.setMDCPropertyMap(Map.of(
                "traceId", "4bf92f3577b34da6a3ce929d0e0e4736",
                "spanId", "00f067aa0ba902b7",
                "requestId", "0193d2f4-7c1e-7a3b-9f2e-5d6c7b8a9e0f"));
        accessLine.addKeyValuePair(new KeyValuePair("http.method", "GET"));
        accessLine.addKeyValuePair(new KeyValuePair("http.route", "/api/v1/me"));
        accessLine.addKeyValuePair(new KeyValuePair("http.status", 200));
        accessLine.addKeyValuePair(new KeyValuePair("duration.ms", 1L));
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encode(accessLine);
    }
}

package dev.bulwark.web;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Boot's {@code ecs} log format, member for member, encoded through a string. Boot's own formatter turns each line into
 * bytes through an {@code Appendable} that allocates a {@code char[1]} and a {@code CharBuffer} for every character it
 * escapes; at {@code GET /api/v1/me}'s saturation that was half of what a request allocated and most of the access
 * log's writer thread (docs/performance.md, lever O). Building the line in a {@code StringBuilder} and encoding it once
 * writes the same bytes. Selected by {@code logging.structured.format.console}; {@code EcsLogFormatterTests} holds it
 * byte-equal to Boot's formatter, so a Boot upgrade that changes the format fails the build rather than the logs.
 */
final class EcsLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

    EcsLogFormatter(
            Environment environment,
            @Nullable StackTracePrinter stackTracePrinter,
            ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizer) {
        super(
                members -> members(environment, stackTracePrinter, contextPairs, throwableProxyConverter, members),
                customizer.nested().build());
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    private static void members(
            Environment environment,
            @Nullable StackTracePrinter stackTracePrinter,
            ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            JsonWriter.Members<ILoggingEvent> members) {
        members.add("@timestamp", ILoggingEvent::getInstant);
        members.add("log").usingMembers(log -> {
            log.add("level", ILoggingEvent::getLevel);
            log.add("logger", ILoggingEvent::getLoggerName);
        });
        members.add("process").usingMembers(process -> {
            process.add("pid", environment.getProperty("spring.application.pid", Long.class))
                    .whenNotNull();
            process.add("thread").usingMembers(thread -> thread.add("name", ILoggingEvent::getThreadName));
        });
        ElasticCommonSchemaProperties.get(environment).jsonMembers(members);
        members.add("message", ILoggingEvent::getFormattedMessage);
        members.add().usingPairs(contextPairs.nested(pairs -> {
            pairs.addMapEntries(ILoggingEvent::getMDCPropertyMap);
            pairs.add(ILoggingEvent::getKeyValuePairs, (KeyValuePair pair) -> pair.key, pair -> pair.value);
        }));
        members.add()
                .whenNotNull(event -> event != null ? event.getThrowableProxy() : null)
                .usingMembers(thrown -> thrown.add("error").usingMembers(error -> {
                    error.add("type", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getClassName);
                    error.add("message", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getMessage);
                    error.add("stack_trace", event -> stackTrace(event, stackTracePrinter, throwableProxyConverter));
                }));
        members.add("tags", ILoggingEvent::getMarkerList)
                .whenNotNull()
                .as(EcsLogFormatter::markerNames)
                .whenNotEmpty();
        members.add("ecs").usingMembers(ecs -> ecs.add("version", "8.11"));
    }

    private static String stackTrace(
            ILoggingEvent event,
            @Nullable StackTracePrinter stackTracePrinter,
            ThrowableProxyConverter throwableProxyConverter) {
        if (stackTracePrinter != null && event.getThrowableProxy() instanceof ThrowableProxy proxy) {
            return stackTracePrinter.printStackTraceToString(proxy.getThrowable());
        }
        return throwableProxyConverter.convert(event);
    }

    private static Set<String> markerNames(List<Marker> markers) {
        Set<String> names = new TreeSet<>();
        addNames(names, markers);
        return names;
    }

    @SuppressWarnings("deprecation") // Marker.iterator(): SLF4J's only way to a marker's references
    private static void addNames(Set<String> names, Iterable<Marker> markers) {
        for (Marker marker : markers) {
            names.add(marker.getName());
            if (marker.hasReferences()) {
                marker.iterator().forEachRemaining(reference -> addNames(names, List.of(reference)));
            }
        }
    }
}

package dev.bulwark.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The trace of a request (docs/operations.md#tracing): {@link RequestTracingFilter} notes the server span's ids once,
 * inside Boot's observation filter, so the error dispatch, Tomcat's valve and the problem body all name the same
 * trace, and log lines written after the span's scope closed can carry it too. With tracing switched off (no trace
 * id), nothing is noted and problem bodies leave {@code traceId} out.
 */
final class TraceIds {

    static final String TRACE_ID = "traceId"; // the MDC keys Micrometer Tracing sets while a span is current
    static final String SPAN_ID = "spanId";
    private static final String ATTRIBUTE = TraceIds.class.getName();
    private static final Pattern VALID = Pattern.compile("(?!0{32})[0-9a-f]{32}"); // W3C: all zeros is invalid

    private TraceIds() {}

    record Ids(String traceId, String spanId) {}

    static @Nullable Ids current(Tracer tracer) {
        return of(tracer.currentSpan());
    }

    /** An unsampled span has ids too (and they are logged), so {@code isNoop()}, false for it, is not the test. */
    static @Nullable Ids of(@Nullable Span span) {
        if (span == null || !VALID.matcher(span.context().traceId()).matches()) {
            return null;
        }
        return new Ids(span.context().traceId(), span.context().spanId());
    }

    static void note(HttpServletRequest request, @Nullable Ids ids) {
        if (ids != null) {
            request.setAttribute(ATTRIBUTE, ids);
        }
    }

    static @Nullable Ids of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Ids ids ? ids : null;
    }
}

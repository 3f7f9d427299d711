package dev.bulwark.web;

import dev.bulwark.web.TraceIds.Ids;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives every request an id (echoed in {@code X-Request-ID}, put in the MDC so every log line carries it) and writes
 * one access-log line per request. It runs inside Boot's observation filter, so the request's server span is current:
 * its trace id is noted for problem bodies ({@link TraceIds}) and put back in the MDC for the error dispatch, which
 * runs after that span's scope closed; every log line of the request then carries the trace and span ids too. The line names the route template, never the raw path or query string, so ids and
 * tokens in URLs stay out of the logs; headers and cookies are never logged.
 */
class RequestTracingFilter extends OncePerRequestFilter {

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger(AsyncAccessLog.LOGGER);

    private final Tracer tracer;

    RequestTracingFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // errors rendered by Tomcat itself (oversized headers) get an id too
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean firstDispatch = request.getAttribute(RequestIds.ATTRIBUTE) == null;
        String id = firstDispatch
                ? RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER))
                : RequestIds.of(request);
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        response.setHeader(RequestIds.HEADER, id);
        long start = System.nanoTime();
        MDC.put(RequestIds.MDC_KEY, id);
        Ids trace = firstDispatch ? TraceIds.current(tracer) : TraceIds.of(request);
        TraceIds.note(request, trace);
        boolean restoreTrace = trace != null && MDC.get(TraceIds.TRACE_ID) == null;
        if (restoreTrace) {
            putTrace(trace);
        }
        boolean failed = false;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            failed = true; // answered 500 by the error page after this filter returns
            throw e;
        } finally {
            if (firstDispatch && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AccessLogOnCompletion(id, trace, start));
            } else if (firstDispatch || request.getDispatcherType() == DispatcherType.REQUEST) {
                logAccess(request, failed ? 500 : response.getStatus(), start);
            }
            MDC.remove(RequestIds.MDC_KEY);
            if (restoreTrace) {
                removeTrace();
            }
        }
    }

    private static void putTrace(Ids trace) {
        MDC.put(TraceIds.TRACE_ID, trace.traceId());
        MDC.put(TraceIds.SPAN_ID, trace.spanId());
    }

    private static void removeTrace() {
        MDC.remove(TraceIds.TRACE_ID);
        MDC.remove(TraceIds.SPAN_ID);
    }

    private static void logAccess(HttpServletRequest request, int status, long startNanos) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof String template ? template : "unmatched";
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        ACCESS_LOG
                .atInfo()
                .addKeyValue("http.method", request.getMethod())
                .addKeyValue("http.route", route)
                .addKeyValue("http.status", status)
                .addKeyValue("duration.ms", millis)
                .log("{} {} -> {} in {} ms", request.getMethod(), route, status, millis);
    }

    private record AccessLogOnCompletion(
            String id, @Nullable Ids trace, long startNanos) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            MDC.put(RequestIds.MDC_KEY, id);
            if (trace != null) {
                putTrace(trace);
            }
            try {
                logAccess(
                        (HttpServletRequest) event.getSuppliedRequest(),
                        ((HttpServletResponse) event.getSuppliedResponse()).getStatus(),
                        startNanos);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
                removeTrace();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}

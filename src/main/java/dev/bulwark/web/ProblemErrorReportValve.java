package dev.bulwark.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Tomcat answers some malformed requests itself (oversized headers, broken request lines) before any filter runs.
 * This replaces its HTML error page with the problem document and security headers every other error has, built
 * and written by the same {@link Problems} and {@link ProblemWriter}. No observation filter ran either, so the
 * refusal gets a span of its own: its trace id in the body names a trace that exists (exported when sampled).
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final Problems problems;
    private final ProblemWriter writer;
    private final Tracer tracer;

    ProblemErrorReportValve(Problems problems, ProblemWriter writer, Tracer tracer) {
        this.problems = problems;
        this.writer = writer;
        this.tracer = tracer;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = response.getMessage() + " " + (throwable == null ? "" : throwable.getMessage());
        HttpStatusCode answered = StandardProblem.headersTooLarge(message)
                ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpStatusCode.valueOf(status);
        if (!(request.getAttribute(RequestIds.ATTRIBUTE) instanceof String)) {
            request.setAttribute(RequestIds.ATTRIBUTE, RequestIds.acceptOrGenerate(null)); // no filter ran
        }
        @Nullable Span span = TraceIds.of(request) == null ? refusalSpan(answered) : null;
        if (span != null) {
            TraceIds.note(request, TraceIds.of(span));
        }
        try {
            response.reset();
            SecurityHeaders.API.applyTo(response);
            response.setHeader(RequestIds.HEADER, RequestIds.of(request));
            writer.write(problems.forStatus(answered, request), response);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to send
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    private Span refusalSpan(HttpStatusCode answered) {
        Span span = tracer.nextSpan().name("http.server.refused").start();
        span.tag("http.response.status_code", String.valueOf(answered.value()));
        return span;
    }
}

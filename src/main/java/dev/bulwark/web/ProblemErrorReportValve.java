package dev.bulwark.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat answers some malformed requests itself (oversized headers, broken request lines) before any filter runs.
 * This replaces its HTML error page with the same problem document and security headers every other error has.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final URI typeBase;

    ProblemErrorReportValve(URI typeBase) {
        this.typeBase = typeBase;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        StandardProblem problem = headersTooLarge(response, throwable)
                ? StandardProblem.HEADERS_TOO_LARGE
                : StandardProblem.forStatus(HttpStatusCode.valueOf(status));
        int answered = headersTooLarge(response, throwable) ? problem.status : status;
        String requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id
                ? id
                : UUID.randomUUID().toString();
        try {
            response.reset();
            response.setStatus(answered);
            SecurityHeaders.API.forEach(response::setHeader);
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                // Every value is ours (no request data), so plain formatting cannot produce invalid JSON.
                writer.write("{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"requestId\":\"%s\"}"
                        .formatted(typeBase.resolve(problem.type), problem.title, answered, problem.detail, requestId));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to send
        }
    }

    private static boolean headersTooLarge(Response response, Throwable throwable) {
        String message =
                String.valueOf(response.getMessage()) + " " + (throwable == null ? "" : throwable.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("header") && lower.contains("too large");
    }
}

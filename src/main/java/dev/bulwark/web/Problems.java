package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The one builder of problem bodies: the advice, the error controller, Tomcat's error valve and the filters all get
 * theirs here, so every error carries the same members ({@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, {@code requestId}, {@code traceId}, and {@code errors} for validation). {@link ProblemWriter} serializes them.
 */
@Component
class Problems {

    private final URI typeBase;

    Problems(WebProperties properties) {
        this.typeBase = properties.problemBaseUri();
    }

    ProblemDetail of(StandardProblem problem, String detail, HttpServletRequest request) {
        return of(HttpStatusCode.valueOf(problem.status), problem.type, problem.title, detail, request);
    }

    ProblemDetail of(ApiProblem problem, HttpServletRequest request) {
        ProblemDetail body = of(problem.status(), problem.type(), problem.title(), problem.getMessage(), request);
        problem.extensions().forEach(body::setProperty);
        return body;
    }

    /** A status without a specific cause (Tomcat's own errors, {@code /error}): the nearest catalogue entry. */
    ProblemDetail forStatus(HttpStatusCode status, HttpServletRequest request) {
        StandardProblem standard = StandardProblem.forStatus(status);
        // The real status is kept (408, 414, 501...); the type is the nearest one in the catalogue.
        return of(status, standard.type, standard.title, standard.detail, request);
    }

    ProblemDetail validationFailed(List<FieldProblem> errors, HttpServletRequest request) {
        ProblemDetail problem =
                of(StandardProblem.VALIDATION_FAILED, StandardProblem.VALIDATION_FAILED.detail, request);
        problem.setProperty("errors", errors);
        return problem;
    }

    ProblemDetail of(HttpStatusCode status, String type, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeBase.resolve(type));
        problem.setTitle(title);
        problem.setInstance(pathOf(request));
        identify(problem, request);
        return problem;
    }

    /** Fills what a framework-made problem lacks (type, instance, request id) without overriding what it has. */
    ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
        StandardProblem standard = StandardProblem.forStatus(HttpStatusCode.valueOf(problem.getStatus()));
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(typeBase.resolve(standard.type));
            problem.setTitle(standard.title);
        }
        // Framework details echo input and name internals ("No static resource x", "Failed to convert..."): replace.
        problem.setDetail(standard.detail);
        problem.setInstance(pathOf(request));
        identify(problem, request);
        return problem;
    }

    /** The ids a report quotes: the request id always, the trace id whenever tracing is on (the default). */
    private static void identify(ProblemDetail problem, HttpServletRequest request) {
        problem.setProperty("requestId", RequestIds.of(request));
        TraceIds.Ids trace = TraceIds.of(request);
        if (trace != null) {
            problem.setProperty("traceId", trace.traceId());
        }
    }

    private static @Nullable URI pathOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path == null || path.isEmpty()) {
            return null; // Tomcat could not parse the request line
        }
        try {
            return new URI(null, null, path, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

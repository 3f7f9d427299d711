package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Builds every problem body the service sends, so that all of them carry the same members. */
@Component
class Problems {

    private final URI typeBase;

    Problems(WebProperties properties) {
        this.typeBase = properties.problemBaseUri();
    }

    ProblemDetail of(StandardProblem problem, String detail, HttpServletRequest request) {
        return of(HttpStatusCode.valueOf(problem.status), problem.type, problem.title, detail, request);
    }

    ProblemDetail of(HttpStatusCode status, String type, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeBase.resolve(type));
        problem.setTitle(title);
        problem.setInstance(pathOf(request));
        problem.setProperty("requestId", RequestIds.of(request));
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
        problem.setProperty("requestId", RequestIds.of(request));
        return problem;
    }

    private static @Nullable URI pathOf(HttpServletRequest request) {
        try {
            return new URI(null, null, request.getRequestURI(), null);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

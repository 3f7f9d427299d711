package dev.bulwark.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (raised in a filter, or by Tomcat itself, such as oversized headers)
 * as the same problem documents, replacing Spring Boot's default error body.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final Problems problems;

    ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (ProblemHandler.causeOfType(failure, DependencyUnavailable.class) != null
                || (failure != null && ProblemHandler.databaseUnreachable(failure))) {
            // e.g. Redis down while checking a token's revocation: fail closed, and say it is temporary
            return respond(
                    problems.of(
                            StandardProblem.SERVICE_UNAVAILABLE, StandardProblem.SERVICE_UNAVAILABLE.detail, request),
                    "5");
        }
        HttpStatusCode status = headersTooLarge(request) ? HttpStatusCode.valueOf(431) : statusOf(request);
        if (status.is5xxServerError() && failure != null) {
            log.error("Unhandled exception outside a controller", failure);
        }
        StandardProblem standard = StandardProblem.forStatus(status);
        // The real status is kept (408, 414, 501...); the type is the nearest one in the catalogue.
        return respond(problems.of(status, standard.type, standard.title, standard.detail, request), null);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, @Nullable String retryAfter) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(problem);
    }

    private static HttpStatusCode statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Reached directly (GET /error) rather than as an error dispatch: there is nothing here to see.
        return code instanceof Integer value && value >= 400 ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
    }

    private static boolean headersTooLarge(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message
                && message.toLowerCase(java.util.Locale.ROOT).contains("header")
                && message.toLowerCase(java.util.Locale.ROOT).contains("too large");
    }
}

package dev.bulwark.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (raised in a filter, or sent with {@code sendError}) as the same
 * problem documents, replacing Spring Boot's default error body. Hidden from the OpenAPI document: {@code /error} is
 * not an operation a client calls.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final Problems problems;
    private final ProblemWriter writer;

    ProblemErrorController(Problems problems, ProblemWriter writer) {
        this.problems = problems;
        this.writer = writer;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (ProblemCauses.ofType(failure, DependencyUnavailable.class) != null
                || (failure != null && ProblemCauses.databaseUnreachable(failure))) {
            // e.g. Redis down while checking a token's revocation: fail closed, and say it is temporary
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            return writer.entity(problems.forStatus(HttpStatus.SERVICE_UNAVAILABLE, request), headers);
        }
        HttpStatusCode status =
                StandardProblem.headersTooLarge((String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE))
                        ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : statusOf(request);
        if (status.is5xxServerError() && failure != null) {
            log.error("Unhandled exception outside a controller", failure);
        }
        return writer.entity(problems.forStatus(status, request), new HttpHeaders());
    }

    private static HttpStatusCode statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Reached directly (GET /error) rather than as an error dispatch: there is nothing here to see.
        return code instanceof Integer value && value >= 400 ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
    }
}

package dev.bulwark.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
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
        HttpStatusCode status = statusOf(request);
        if (status.is5xxServerError()
                && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            log.error("Unhandled exception outside a controller", failure);
        }
        StandardProblem standard =
                headersTooLarge(request) ? StandardProblem.HEADERS_TOO_LARGE : StandardProblem.forStatus(status);
        ProblemDetail problem = problems.of(standard, standard.detail, request);
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
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

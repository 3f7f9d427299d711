package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 9457 problems. Framework messages never reach the client: each detail
 * here is written for users, and anything unexpected becomes a generic 500 that is logged with the request id.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Problems problems;
    private final ProblemWriter writer;

    ProblemHandler(Problems problems, ProblemWriter writer) {
        this.problems = problems;
        this.writer = writer;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem ex, HttpServletRequest request) {
        return respond(problems.of(ex, request), HttpHeaders.copyOf(ex.headers()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(leafOf(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return respond(problems.validationFailed(errors, request), new HttpHeaders());
    }

    /** Tomcat refuses too many or malformed parameters (and oversized form bodies) when they are first read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameters(InvalidParameterException ex, HttpServletRequest request) {
        StandardProblem problem = ex.getErrorCode() == HttpStatus.PAYLOAD_TOO_LARGE.value()
                ? StandardProblem.PAYLOAD_TOO_LARGE
                : StandardProblem.INVALID_PARAMETER;
        return respond(problems.of(problem, problem.detail, request), new HttpHeaders());
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(BodyTooLargeException ex, HttpServletRequest request) {
        return respond(problems.of(StandardProblem.PAYLOAD_TOO_LARGE, ex.getMessage(), request), new HttpHeaders());
    }

    /**
     * Two writers edited the same row (optimistic locking), or a lock wait timed out or lost a deadlock: the change
     * rolled back whole, with nothing overwritten, so the client may reload and retry. Not retried here: admin changes
     * are serialised by one lock and should never get here; if one does, a 409 says more than a silent retry.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<Object> concurrentUpdate(ConcurrencyFailureException ex, HttpServletRequest request) {
        return respond(
                problems.of(
                        StandardProblem.CONFLICT,
                        "The resource was changed meanwhile; reload it and try again.",
                        request),
                new HttpHeaders());
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        DependencyUnavailable.class
    })
    ResponseEntity<Object> storeUnavailable(Exception ex, HttpServletRequest request) {
        log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return respond(
                problems.of(
                        StandardProblem.SERVICE_UNAVAILABLE,
                        "The service is briefly unavailable. Try again shortly.",
                        request),
                headers);
    }

    /** Left to Spring Security, which answers 401 for anonymous callers and 403 for authenticated ones. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void securityDecision(RuntimeException ex) {
        throw ex;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
        if (ProblemCauses.databaseUnreachable(ex)) {
            return storeUnavailable(ex, request);
        }
        log.error("Unhandled exception", ex);
        return respond(
                problems.of(
                        StandardProblem.INTERNAL_ERROR,
                        "An unexpected error occurred. Quote the request id when you report it.",
                        request),
                new HttpHeaders());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldProblem(e.getField(), String.valueOf(e.getDefaultMessage())))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return respond(problems.validationFailed(errors, servletRequest(request)), headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(e -> new FieldProblem(
                                String.valueOf(result.getMethodParameter().getParameterName()),
                                String.valueOf(e.getDefaultMessage()))))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return respond(problems.validationFailed(errors, servletRequest(request)), headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        BodyTooLargeException tooLarge = ProblemCauses.ofType(ex, BodyTooLargeException.class);
        if (tooLarge != null) {
            return respond(
                    problems.of(StandardProblem.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), servletRequest), headers);
        }
        ProblemDetail problem = JsonBodyProblems.describe(ex, problems, servletRequest);
        return respond(problem, headers);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
        return respond(problems.complete(problem, servletRequest(request)), headers);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        return writer.entity(problem, headers);
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }

    /** {@code item.limit} names a Java method; the client only knows {@code limit}. */
    private static String leafOf(jakarta.validation.Path path) {
        String leaf = "";
        for (jakarta.validation.Path.Node node : path) {
            leaf = node.getName() == null ? leaf : node.getName();
        }
        return leaf;
    }
}

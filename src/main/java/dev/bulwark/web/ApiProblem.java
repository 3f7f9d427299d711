package dev.bulwark.web;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Base of the exceptions a module throws to answer with a problem response. The message is the problem's
 * {@code detail} and reaches the client, so it must be safe to show: no ids of other users, no internals.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    /**
     * @param type the slug of the problem type, documented in docs/problems.md ({@code invalid-credentials})
     */
    protected ApiProblem(HttpStatus status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem body, such as {@code errors}; values must be safe to show. */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** Extra response headers, such as {@code Retry-After}. */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }
}

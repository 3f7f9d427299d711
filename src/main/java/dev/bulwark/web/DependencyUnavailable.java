package dev.bulwark.web;

/**
 * A dependency the request needs (Redis for revocation checks, the database) is down. Answered 503 with
 * {@code Retry-After}, wherever it is thrown: in a controller, or in a filter such as token validation.
 */
public class DependencyUnavailable extends RuntimeException {

    public DependencyUnavailable(String what, Throwable cause) {
        super(what + " is unavailable", cause);
    }
}

package dev.bulwark.web;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * 503 busy: the password hashing pool refused the work. {@code Retry-After} is 1, 2 or 3 seconds, drawn at random,
 * so that the clients one burst refused come back spread over three seconds rather than all in the same one.
 */
public final class Busy extends ApiProblem {

    static final int LONGEST_RETRY_AFTER = 3; // s

    private final int retryAfter = ThreadLocalRandom.current().nextInt(1, LONGEST_RETRY_AFTER + 1);

    public Busy() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "busy",
                "Busy",
                "Too many sign-ins are being processed; retry after the time in Retry-After.");
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfter));
        return headers;
    }
}

package dev.bulwark.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * 429 too-many-requests with {@code Retry-After} in whole seconds, rounded up and at least one: the one answer of
 * every limit (rate limits, the sign-in throttle, the current-password throttle); {@code detail} says which.
 */
public final class TooManyRequests extends ApiProblem {

    private final Duration wait;

    public TooManyRequests(String detail, Duration wait) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", detail);
        this.wait = wait;
    }

    /** Whole seconds to wait, rounded up, at least one. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(wait)));
        return headers;
    }
}

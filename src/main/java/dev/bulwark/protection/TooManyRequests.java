package dev.bulwark.protection;

import dev.bulwark.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 429 from a rate limit, with {@code Retry-After} in whole seconds (at least one). */
final class TooManyRequests extends ApiProblem {

    private final long retryAfterSeconds;

    TooManyRequests(long nanosToWait) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many requests",
                "Too many requests from this client; retry after the time in Retry-After.");
        this.retryAfterSeconds = Math.max(1, RateLimits.seconds(nanosToWait));
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return headers;
    }
}

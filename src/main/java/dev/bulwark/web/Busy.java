package dev.bulwark.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 503 busy with {@code Retry-After: 1}: the password hashing pool refused the work; the client retries soon. */
public final class Busy extends ApiProblem {

    public Busy() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "busy",
                "Busy",
                "Too many sign-ins are being processed; retry in a second.");
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return headers;
    }
}

package dev.bulwark.web;

import java.io.IOException;

/** Thrown while reading a body that passes its limit; {@link ProblemHandler} turns it (or its wrapper) into a 413. */
final class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super(detail(limit), null);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    static String detail(long limit) {
        return "The request body is larger than the " + limit + " bytes this endpoint accepts.";
    }
}

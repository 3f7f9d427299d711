package dev.bulwark.web;

import org.springframework.http.HttpStatusCode;

/**
 * The problem types of the web layer; {@link #forStatus} picks the generic one for a status when nothing more specific
 * applies. Catalogue: docs/problems.md.
 */
enum StandardProblem {
    BAD_REQUEST(400, "bad-request", "Bad request"),
    VALIDATION_FAILED(400, "validation-failed", "Validation failed"),
    MALFORMED_BODY(400, "malformed-body", "Malformed request body"),
    INVALID_HOST(400, "invalid-host", "Invalid host"),
    INVALID_PARAMETER(400, "invalid-parameter", "Invalid parameter"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "Request headers too large"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    final int status;
    final String type;
    final String title;

    StandardProblem(int status, String type, String title) {
        this.status = status;
        this.type = type;
        this.title = title;
    }

    static StandardProblem forStatus(HttpStatusCode status) {
        for (StandardProblem problem : values()) {
            if (problem.status == status.value()) {
                return problem;
            }
        }
        return status.is5xxServerError() ? INTERNAL_ERROR : BAD_REQUEST;
    }
}

package dev.bulwark.web;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;

/**
 * The problem types of the web layer; {@link #forStatus} picks the generic one for a status when nothing more specific
 * applies. Catalogue: docs/problems.md.
 */
enum StandardProblem {
    BAD_REQUEST(400, "bad-request", "Bad request", "A parameter is missing, malformed or of the wrong type."),
    VALIDATION_FAILED(400, "validation-failed", "Validation failed", "One or more fields are invalid."),
    MALFORMED_BODY(
            400, "malformed-body", "Malformed request body", "The request body is missing or is not well-formed JSON."),
    INVALID_HOST(400, "invalid-host", "Invalid host", "The Host header names a host this service does not serve."),
    INVALID_PARAMETER(400, "invalid-parameter", "Invalid parameter", "The query string is malformed."),
    UNAUTHENTICATED(
            401, "unauthenticated", "Authentication required", "A valid access token is required for this resource."),
    INVALID_TOKEN(401, "invalid-token", "Invalid access token", "The access token is invalid, expired or revoked."),
    FORBIDDEN(403, "forbidden", "Forbidden", "You do not have permission for this resource."),
    CSRF_FAILED(
            403,
            "csrf-failed",
            "Cross-site request refused",
            "A request authenticated by the session cookie must carry the session's X-CSRF-Token header"
                    + " (GET /auth/web/me gives it) and come from an allowed Origin."),
    NOT_FOUND(404, "not-found", "Not found", "No resource exists at this path."),
    METHOD_NOT_ALLOWED(
            405,
            "method-not-allowed",
            "Method not allowed",
            "This method is not supported here; the Allow header lists the ones that are."),
    NOT_ACCEPTABLE(
            406, "not-acceptable", "Not acceptable", "None of the media types in the Accept header can be produced."),
    CONFLICT(409, "conflict", "Conflict", "The request conflicts with the current state of the resource."),
    PAYLOAD_TOO_LARGE(
            413,
            "payload-too-large",
            "Request body too large",
            "The request body is larger than this endpoint accepts."),
    UNSUPPORTED_MEDIA_TYPE(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            "The request body must be JSON (Content-Type: application/json)."),
    TOO_MANY_REQUESTS(
            429, "too-many-requests", "Too many requests", "Too many requests; retry after the time in Retry-After."),
    HEADERS_TOO_LARGE(
            431,
            "headers-too-large",
            "Request headers too large",
            "The request headers are larger than this service accepts."),
    INTERNAL_ERROR(
            500,
            "internal-error",
            "Internal error",
            "An unexpected error occurred. Quote the request id when you report it."),
    SERVICE_UNAVAILABLE(
            503,
            "service-unavailable",
            "Service unavailable",
            "The service is briefly unavailable; retry after the time in Retry-After.");

    final int status;
    final String type;
    final String title;
    final String detail;

    StandardProblem(int status, String type, String title, String detail) {
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    static StandardProblem forStatus(HttpStatusCode status) {
        for (StandardProblem problem : values()) {
            if (problem.status == status.value()) {
                return problem;
            }
        }
        return status.is5xxServerError() ? INTERNAL_ERROR : BAD_REQUEST;
    }

    /** Tomcat reports oversized headers as a 400 with this in its message; the client is owed a 431. */
    static boolean headersTooLarge(@Nullable String tomcatMessage) {
        String lower = String.valueOf(tomcatMessage).toLowerCase(Locale.ROOT);
        return lower.contains("header") && lower.contains("too large");
    }
}

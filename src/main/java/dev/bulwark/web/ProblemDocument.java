package dev.bulwark.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The documented shape of every error body (RFC 9457); only used to describe it in the OpenAPI document. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
record ProblemDocument(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                format = "uri",
                example = "https://bulwark.dev/problems/validation-failed")
        String type,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Validation failed")
        String title,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "400")
        int status,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "One or more fields are invalid.")
        String detail,

        @Schema(format = "uri-reference", example = "/api/v1/me")
        String instance,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0b7c6a54-9f3e-4f8e-a1d2-6c1f4e7f2b11")
        String requestId,

        @Schema(
                description = "The W3C trace id of the request's trace (32 lower-case hex digits), as in the log"
                        + " lines and the exported spans; present whenever tracing is on, which is the default",
                pattern = "^[0-9a-f]{32}$",
                example = "4bf92f3577b34da6a3ce929d0e0e4736")
        String traceId,

        @Schema(description = "Present on validation failures: one entry per invalid field")
        List<FieldError> errors) {

    @Schema(name = "FieldError")
    record FieldError(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "email")
            String field,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must be a well-formed email address")
            String message) {}
}

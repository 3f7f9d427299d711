package dev.bulwark.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One entry of the audit trail as the API shows it. */
record AuditRecord(
        UUID id,
        Instant occurredAt,
        String action,

        @Schema(
                types = {"string", "null"},
                format = "uuid")
        @Nullable
        UUID actorId,

        @Schema(types = {"string", "null"}) @Nullable String target,
        @Schema(types = {"string", "null"}) @Nullable String requestId,
        @Schema(types = {"string", "null"}) @Nullable String clientIp,
        @Schema(types = {"string", "null"}) @Nullable String details) {}

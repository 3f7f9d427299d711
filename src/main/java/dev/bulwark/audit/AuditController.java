package dev.bulwark.audit;

import dev.bulwark.web.Page;
import dev.bulwark.web.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading the audit trail, newest first. Read-only by design: there is no route that changes a record. */
@RestController
@Validated
@Tag(name = "Admin: audit")
class AuditController {

    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Read the audit trail", description = "Newest first; keyset pagination with after.")
    @GetMapping("/api/v1/admin/audit")
    @PreAuthorize("hasAuthority('audit:read')")
    Page<AuditRecord> list(
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 1000) @Nullable String after,
            @RequestParam(required = false) @Pattern(regexp = "[a-z_.]{1,64}") @Nullable String action,
            @RequestParam(required = false) @Nullable UUID actorId,
            @RequestParam(required = false) @Size(max = 200) @Nullable String target,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        var filter = new AuditQueries.Filter(
                action, actorId, target, Timestamps.inRange(from, "from"), Timestamps.inRange(to, "to"));
        return queries.page(filter, limit, after);
    }
}

package dev.bulwark.audit;

import dev.bulwark.web.Cursors;
import dev.bulwark.web.Page;
import dev.bulwark.web.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

    private final NamedParameterJdbcTemplate jdbc;
    private final Cursors cursors;

    AuditController(NamedParameterJdbcTemplate jdbc, Cursors cursors) {
        this.jdbc = jdbc;
        this.cursors = cursors;
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
        Timestamps.inRange(from, "from");
        Timestamps.inRange(to, "to");
        String query = "audit|" + action + "|" + actorId + "|" + target + "|" + from + "|" + to;
        StringBuilder sql = new StringBuilder("select * from audit_event e where 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (action != null) {
            sql.append(" and e.action = :action");
            params.addValue("action", action);
        }
        if (actorId != null) {
            sql.append(" and e.actor_id = :actor");
            params.addValue("actor", actorId);
        }
        if (target != null) {
            sql.append(" and e.target = :target");
            params.addValue("target", target);
        }
        if (from != null) {
            sql.append(" and e.occurred_at >= :from");
            params.addValue("from", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and e.occurred_at < :to");
            params.addValue("to", Timestamp.from(to));
        }
        if (after != null) {
            List<String> position = cursors.decode(after, query, 2);
            sql.append(" and (e.occurred_at < :afterTime or (e.occurred_at = :afterTime and e.id < :afterId))");
            params.addValue("afterTime", Timestamp.from(Instant.parse(position.get(0))));
            params.addValue("afterId", UUID.fromString(position.get(1)));
        }
        sql.append(" order by e.occurred_at desc, e.id desc limit :limit");
        params.addValue("limit", limit + 1);
        List<AuditRecord> rows = jdbc.query(
                sql.toString(),
                params,
                (rs, n) -> new AuditRecord(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("action"),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("target"),
                        rs.getString("request_id"),
                        rs.getString("client_ip"),
                        rs.getString("details")));
        return Page.of(
                rows,
                limit,
                last -> cursors.encode(
                        query, List.of(last.occurredAt().toString(), last.id().toString())));
    }
}

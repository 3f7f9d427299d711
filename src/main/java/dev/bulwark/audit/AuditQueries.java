package dev.bulwark.audit;

import dev.bulwark.web.Keyset;
import dev.bulwark.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Read side of the audit trail: keyset pages, newest first, filtered on indexed or selective columns. */
@Component
class AuditQueries {

    /** Which records a page shows; every field null means all of them. {@code to} is exclusive. */
    record Filter(
            @Nullable String action,
            @Nullable UUID actorId,
            @Nullable String target,
            @Nullable Instant from,
            @Nullable Instant to) {}

    private static final Keyset.Order<AuditRecord> NEWEST_FIRST =
            Keyset.Order.descending("e.occurred_at", AuditRecord::occurredAt, "e.id", AuditRecord::id);

    private final Keyset keyset;

    AuditQueries(Keyset keyset) {
        this.keyset = keyset;
    }

    Page<AuditRecord> page(Filter filter, int limit, @Nullable String after) {
        return keyset.select("select * from audit_event e", AuditQueries::record)
                .where("e.action = :action", "action", filter.action())
                .where("e.actor_id = :actor", "actor", filter.actorId())
                .where("e.target = :target", "target", filter.target())
                .where("e.occurred_at >= :from", "from", filter.from())
                .where("e.occurred_at < :to", "to", filter.to())
                .page(NEWEST_FIRST, limit, after);
    }

    private static AuditRecord record(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("action"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("target"),
                rs.getString("request_id"),
                rs.getString("client_ip"),
                rs.getString("details"));
    }
}

package dev.bulwark.audit;

import dev.bulwark.common.Ids;
import dev.bulwark.web.ClientAddresses;
import dev.bulwark.web.LogFields;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes audit records. It listens synchronously, inside the publisher's transaction when there is one: an action
 * that is rolled back leaves no record, and a recorded action really happened. There is no update or delete path.
 */
@Component
class AuditTrail {

    private final JdbcClient jdbc;
    private final ClientAddresses clients;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, ClientAddresses clients, Clock clock) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.clock = clock;
    }

    @EventListener
    void record(AuditableEvent event) {
        jdbc.sql("insert into audit_event (id, occurred_at, action, actor_id, target, request_id, client_ip, details)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        Ids.next(clock),
                        Timestamp.from(clock.instant()),
                        event.action(),
                        event.actorId() != null ? event.actorId() : caller(),
                        truncate(event.target(), 200),
                        MDC.get(LogFields.REQUEST_ID),
                        clientIp(),
                        truncate(event.details(), 1000))
                .update();
    }

    private static @Nullable UUID caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt && jwt.getSubject() != null) {
            return UUID.fromString(jwt.getSubject());
        }
        return null;
    }

    /** The client's address as rate limits see it (behind a trusted proxy: the forwarded client). */
    private @Nullable String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return clients.of(request);
        }
        return null;
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

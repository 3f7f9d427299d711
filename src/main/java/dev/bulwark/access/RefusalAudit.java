package dev.bulwark.access;

import dev.bulwark.audit.AuditableEvent;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a refused privilege escalation in a transaction of its own: the refused change's transaction rolls back
 * with the 403, and an audit row written inside it would vanish with it (every other audit row commits with the
 * change it records).
 */
@Component
class RefusalAudit {

    private final ApplicationEventPublisher events;

    RefusalAudit(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void escalationRefused(Set<String> missing) {
        events.publishEvent(
                AuditableEvent.of("access.escalation_refused", null, "missing=" + String.join(",", missing)));
    }
}

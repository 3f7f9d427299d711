package dev.bulwark.auth;

import dev.bulwark.audit.AuditableEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Security events as structured log lines (logger {@code dev.bulwark.security}) and Prometheus counters. They name
 * accounts by id only: never an email, password, token or cookie.
 */
@Component
class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger("dev.bulwark.security");

    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;

    SecurityEvents(MeterRegistry meters, ApplicationEventPublisher events) {
        this.meters = meters;
        this.events = events;
    }

    void loginSucceeded(UUID accountId, UUID sessionId) {
        meters.counter("bulwark.auth.logins", "outcome", "success").increment();
        log.atInfo()
                .addKeyValue("event", "login.success")
                .addKeyValue("userId", accountId)
                .addKeyValue("sessionId", sessionId)
                .log("Login succeeded");
        events.publishEvent(new AuditableEvent("login.success", accountId, "session:" + sessionId, null));
    }

    void loginFailed() {
        meters.counter("bulwark.auth.logins", "outcome", "failure").increment();
        log.atInfo().addKeyValue("event", "login.failure").log("Login failed");
        events.publishEvent(new AuditableEvent("login.failure", null, null, null));
    }

    /** A sign-in refused by the throttle before any password check: audited, so lockouts can be investigated. */
    void loginThrottled(long retryAfterSeconds) {
        meters.counter("bulwark.auth.logins", "outcome", "throttled").increment();
        events.publishEvent(new AuditableEvent("login.throttled", null, null, "retryAfter=" + retryAfterSeconds + "s"));
    }

    void refreshReuseDetected(UUID accountId, UUID sessionId) {
        meters.counter("bulwark.auth.refresh.reuse").increment();
        log.atWarn()
                .addKeyValue("event", "refresh.reuse_detected")
                .addKeyValue("userId", accountId)
                .addKeyValue("sessionId", sessionId)
                .log("Refresh token reuse detected: session revoked");
        events.publishEvent(new AuditableEvent("refresh.reuse_detected", accountId, "session:" + sessionId, null));
    }

    void sessionsRevoked(UUID accountId, int count, String reason, @Nullable UUID kept) {
        meters.counter("bulwark.auth.sessions.revoked", "reason", reason).increment(count);
        log.atInfo()
                .addKeyValue("event", "sessions.revoked")
                .addKeyValue("userId", accountId)
                .addKeyValue("count", count)
                .addKeyValue("reason", reason)
                .addKeyValue("keptSessionId", kept)
                .log("Sessions revoked");
        events.publishEvent(AuditableEvent.of("sessions.revoked", accountId, "count=" + count + " reason=" + reason));
    }
}

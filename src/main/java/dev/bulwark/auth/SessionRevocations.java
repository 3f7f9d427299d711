package dev.bulwark.auth;

import dev.bulwark.account.AccountDisabled;
import dev.bulwark.account.AccountPasswordChanged;
import dev.bulwark.account.AccountRolesChanged;
import dev.bulwark.account.Accounts;
import dev.bulwark.common.AfterCommit;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Ends sessions: one at a time, all of an account's when the account changes, the oldest beyond the cap. */
@Component
class SessionRevocations {

    private final AuthSessionRepository sessions;
    private final RevocationList revocations;
    private final Accounts accounts;
    private final SecurityEvents events;
    private final AuthProperties properties;
    private final Clock clock;

    SessionRevocations(
            AuthSessionRepository sessions,
            RevocationList revocations,
            Accounts accounts,
            SecurityEvents events,
            AuthProperties properties,
            Clock clock) {
        this.sessions = sessions;
        this.revocations = revocations;
        this.accounts = accounts;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs in the transaction that wrote the new password, after it locked the account row: a sign-in starting its
     * session either committed before (its session is found here) or waits for that lock and is then refused.
     */
    @EventListener
    void on(AccountPasswordChanged changed) {
        UUID keep = changed.sessionToKeep();
        if (keep != null) {
            accounts.credentialVersion(changed.accountId())
                    .ifPresent(version -> sessions.adoptCredentialVersion(keep, version));
        }
        revokeAll(changed.accountId(), keep, "password-change");
    }

    @EventListener
    void on(AccountDisabled disabled) {
        revokeAll(disabled.accountId(), null, "account-disabled");
    }

    /** Tokens carry roles: the account signs in again to get tokens with the new ones. */
    @EventListener
    void on(AccountRolesChanged changed) {
        revokeAll(changed.accountId(), null, "roles-changed");
    }

    private void revokeAll(UUID accountId, @Nullable UUID keep, String reason) {
        List<UUID> ids = sessions.findActiveIds(accountId, clock.instant()).stream()
                .filter(id -> !id.equals(keep))
                .toList();
        ids.forEach(id -> revoke(id, reason));
        events.sessionsRevoked(accountId, ids.size(), reason, keep);
    }

    /** Beyond {@code bulwark.auth.max-sessions} live sessions, the oldest end: one account cannot pile up rows. */
    void keepAtMostTheNewest(UUID accountId) {
        List<UUID> oldestFirst = sessions.findActiveIdsOldestFirst(accountId, clock.instant());
        List<UUID> surplus = oldestFirst.subList(0, Math.max(0, oldestFirst.size() - properties.maxSessions()));
        if (!surplus.isEmpty()) {
            surplus.forEach(id -> revoke(id, "session-limit"));
            events.sessionsRevoked(accountId, surplus.size(), "session-limit", null);
        }
    }

    /** Marks the session revoked and makes its live access tokens fail on every instance at once. */
    void revoke(UUID sessionId, String reason) {
        Instant now = clock.instant();
        sessions.revoke(sessionId, now, reason);
        Instant until = now.plus(properties.accessTokenTtl()).plus(properties.clockSkew());
        // Redis is not transactional: written after commit, so a change that rolls back revokes nothing.
        AfterCommit.run(() -> revocations.revokeSession(sessionId.toString(), until));
    }
}

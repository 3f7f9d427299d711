package dev.bulwark.auth;

import dev.bulwark.account.AccountDisabled;
import dev.bulwark.account.AccountPasswordChanged;
import dev.bulwark.account.AccountRolesChanged;
import dev.bulwark.account.AccountView;
import dev.bulwark.account.Accounts;
import dev.bulwark.common.AfterCommit;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Sessions and their refresh-token chains: start, rotate (with reuse detection), list, revoke. */
@Service
class SessionService {

    record Tokens(AccessTokens.Issued access, String refreshToken, Instant refreshExpiresAt, UUID sessionId) {}

    record SessionView(UUID id, String deviceLabel, Instant createdAt, Instant lastUsedAt, boolean current) {}

    private final AuthSessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final RevocationList revocations;
    private final Accounts accounts;
    private final SecurityEvents events;
    private final AuthProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SessionService(
            AuthSessionRepository sessions,
            RefreshTokenRepository refreshTokens,
            AccessTokens accessTokens,
            RevocationList revocations,
            Accounts accounts,
            SecurityEvents events,
            AuthProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.accounts = accounts;
        this.events = events;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Transactional
    Tokens start(AccountView account, String deviceLabel) {
        Instant now = clock.instant();
        AuthSession session = sessions.save(
                AuthSession.start(account.id(), deviceLabel, now.plus(properties.sessionMaxTtl()), clock));
        events.loginSucceeded(account.id(), session.id());
        return issue(account, session, null);
    }

    /**
     * Trades a refresh token for new tokens. A token that was already used means it leaked or a client misbehaves
     * (RFC 9700 §4.14): the whole session is revoked, so neither party can continue with it.
     */
    Tokens refresh(String presented) {
        if (!RefreshTokenValues.looksValid(presented)) {
            throw new AuthProblems.InvalidRefreshToken();
        }
        Rotation rotation = transaction.execute(status -> rotate(RefreshTokenValues.hash(presented)));
        if (rotation instanceof Rotation.Reused reused) {
            events.refreshReuseDetected(reused.accountId(), reused.sessionId());
        }
        if (rotation instanceof Rotation.Rotated rotated) {
            return rotated.tokens();
        }
        throw new AuthProblems.InvalidRefreshToken();
    }

    private sealed interface Rotation {
        record Rotated(Tokens tokens) implements Rotation {}

        record Reused(UUID accountId, UUID sessionId) implements Rotation {}

        record Refused() implements Rotation {}
    }

    private Rotation rotate(String hash) {
        Instant now = clock.instant();
        Optional<RefreshToken> found = refreshTokens.findByTokenHash(hash);
        if (found.isEmpty()) {
            return new Rotation.Refused();
        }
        RefreshToken token = found.get();
        AuthSession session = sessions.findById(token.sessionId()).orElse(null);
        if (session == null || !session.isActive(now)) {
            return new Rotation.Refused();
        }
        if (refreshTokens.markUsed(token.id(), now) == 0) {
            revoke(session.id(), "refresh-reuse");
            return new Rotation.Reused(session.accountId(), session.id());
        }
        if (token.idleExpiresAt().isBefore(now)) {
            return new Rotation.Refused();
        }
        Optional<AccountView> account = accounts.find(session.accountId()).filter(AccountView::enabled);
        if (account.isEmpty()) {
            revoke(session.id(), "account-disabled");
            return new Rotation.Refused();
        }
        // A bulk update, not a dirty entity: writing the whole row back could undo a revocation committed meanwhile.
        if (sessions.touch(session.id(), now) == 0) {
            return new Rotation.Refused();
        }
        return new Rotation.Rotated(issue(account.get(), session, token.id()));
    }

    private Tokens issue(AccountView account, AuthSession session, @Nullable UUID parent) {
        String value = RefreshTokenValues.generate();
        Instant idleExpiry = clock.instant().plus(properties.refreshIdleTtl());
        Instant expiry = idleExpiry.isBefore(session.absoluteExpiresAt()) ? idleExpiry : session.absoluteExpiresAt();
        refreshTokens.save(RefreshToken.issue(session.id(), parent, RefreshTokenValues.hash(value), expiry, clock));
        return new Tokens(accessTokens.issue(account, session.id()), value, expiry, session.id());
    }

    @Transactional(readOnly = true)
    List<SessionView> list(UUID accountId, @Nullable UUID current) {
        return sessions.findActive(accountId, clock.instant()).stream()
                .map(s ->
                        new SessionView(s.id(), s.deviceLabel(), s.createdAt(), s.lastUsedAt(), s.id().equals(current)))
                .toList();
    }

    @Transactional
    void revokeOwn(UUID accountId, UUID sessionId) {
        AuthSession session = sessions.findById(sessionId)
                .filter(s -> s.accountId().equals(accountId) && s.isActive(clock.instant()))
                .orElseThrow(AuthProblems.SessionNotFound::new);
        revoke(session.id(), "revoked-by-user");
        events.sessionsRevoked(accountId, 1, "revoked-by-user", null);
    }

    /** Signs the session out and denylists the presented access token until it would have expired anyway. */
    @Transactional
    void logout(UUID accountId, UUID sessionId, String jti, Instant tokenExpiresAt) {
        revoke(sessionId, "logout");
        AfterCommit.run(() -> revocations.revokeToken(jti, tokenExpiresAt));
        events.sessionsRevoked(accountId, 1, "logout", null);
    }

    @EventListener
    void on(AccountPasswordChanged changed) {
        revokeAll(changed.accountId(), changed.sessionToKeep(), "password-change");
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

    /** Marks the session revoked and makes its live access tokens fail on every instance at once. */
    private void revoke(UUID sessionId, String reason) {
        Instant now = clock.instant();
        sessions.revoke(sessionId, now, reason);
        Instant until = now.plus(properties.accessTokenTtl()).plus(properties.clockSkew());
        // Redis is not transactional: written after commit, so a change that rolls back revokes nothing.
        AfterCommit.run(() -> revocations.revokeSession(sessionId.toString(), until));
    }

    @Transactional
    int deleteEndedBefore(Instant cutoff) {
        return sessions.deleteEndedBefore(cutoff) + refreshTokens.deleteUsedExpiredBefore(cutoff);
    }
}

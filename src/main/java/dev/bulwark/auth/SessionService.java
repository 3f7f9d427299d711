package dev.bulwark.auth;

import dev.bulwark.account.AccountView;
import dev.bulwark.account.Accounts;
import dev.bulwark.common.AfterCommit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
    private final RevocationList revocationList;
    private final SessionRevocations revocations;
    private final Accounts accounts;
    private final SecurityEvents events;
    private final AuthProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SessionService(
            AuthSessionRepository sessions,
            RefreshTokenRepository refreshTokens,
            AccessTokens accessTokens,
            RevocationList revocationList,
            SessionRevocations revocations,
            Accounts accounts,
            SecurityEvents events,
            AuthProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revocationList = revocationList;
        this.revocations = revocations;
        this.accounts = accounts;
        this.events = events;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Starts a session for an account whose password was checked against its {@code credentialVersion}. Under the
     * account row's lock that version must still be current: otherwise the password changed after the check (and the change
     * revoked every session it could see), so this sign-in is refused like a wrong password, with nothing written.
     */
    @Transactional
    Tokens start(AccountView account, String deviceLabel) {
        if (accounts.lockCredentialVersion(account.id()).orElse(-1) != account.credentialVersion()) {
            throw new AuthProblems.InvalidCredentials();
        }
        Instant expiry = clock.instant().plus(properties.sessionMaxTtl());
        AuthSession session =
                sessions.save(AuthSession.start(account.id(), account.credentialVersion(), deviceLabel, expiry, clock));
        revocations.keepAtMostTheNewest(account.id());
        events.loginSucceeded(account.id(), session.id());
        return issue(account, session, null);
    }

    /**
     * Trades a refresh token for new tokens. A token that was already used means it leaked or a client misbehaves
     * (RFC 9700 §4.14): the whole session is revoked, so neither party can continue with it. The one exception is
     * the grace of {@link #reissuedWithinGrace}.
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
        AuthSession session =
                found.flatMap(t -> sessions.findById(t.sessionId())).orElse(null);
        if (found.isEmpty() || session == null || !session.isActive(now)) {
            return new Rotation.Refused();
        }
        RefreshToken token = found.get();
        if (refreshTokens.markUsed(token.id(), now) == 0 && !reissuedWithinGrace(token, now)) {
            revocations.revoke(session.id(), "refresh-reuse");
            return new Rotation.Reused(session.accountId(), session.id());
        }
        if (token.idleExpiresAt().isBefore(now)) {
            return new Rotation.Refused();
        }
        return rotateFor(session, token, now);
    }

    /**
     * RFC 9700 §4.14.2 lets a server tolerate a lost refresh response or two tabs sharing the cookie: the token
     * rotated less than {@code refresh-reuse-grace} ago, presented again while its child is still the session's
     * newest token, gets a new child and the previous child is spent. Anything else already used is reuse.
     */
    private boolean reissuedWithinGrace(RefreshToken token, Instant now) {
        // Read again: with two tabs refreshing at once, both loaded the token unused, and the loser's markUsed waited
        // for the winner's commit; the loaded entity still says unused.
        Duration grace = properties.refreshReuseGrace();
        // A zero grace is off: a concurrent loser's "now" can precede the winner's use, so a window check alone passed.
        return !grace.isZero()
                && refreshTokens
                        .findUsedAt(token.id())
                        .filter(usedAt -> now.isBefore(usedAt.plus(grace)))
                        .map(usedAt -> refreshTokens.spendUnusedChild(token.id(), now) == 1)
                        .orElse(false);
    }

    /** The account must still be enabled and hold the credential version the session was started with. */
    private Rotation rotateFor(AuthSession session, RefreshToken token, Instant now) {
        Optional<AccountView> account = accounts.find(session.accountId()).filter(AccountView::enabled);
        if (account.isEmpty()) {
            revocations.revoke(session.id(), "account-disabled");
            return new Rotation.Refused();
        }
        if (account.get().credentialVersion() != session.credentialVersion()) {
            revocations.revoke(session.id(), "password-change");
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
        revocations.revoke(session.id(), "revoked-by-user");
        events.sessionsRevoked(accountId, 1, "revoked-by-user", null);
    }

    /** Signs the session out and denylists the presented access token until it would have expired anyway. */
    @Transactional
    void logout(UUID accountId, UUID sessionId, String jti, Instant tokenExpiresAt) {
        revocations.revoke(sessionId, "logout");
        AfterCommit.run(() -> revocationList.revokeToken(jti, tokenExpiresAt));
        events.sessionsRevoked(accountId, 1, "logout", null);
    }

    @Transactional
    int deleteEndedBefore(Instant cutoff) {
        return sessions.deleteEndedBefore(cutoff) + refreshTokens.deleteUsedExpiredBefore(cutoff);
    }
}

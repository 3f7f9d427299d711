package dev.bulwark.auth;

import dev.bulwark.account.AccountView;
import dev.bulwark.account.Accounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions of browsers signed in through an identity provider (the oidc module's BFF). They are the same sessions as
 * password sign-ins (listed and revoked by {@code /api/v1/auth/sessions}, ended when the account is disabled or its
 * roles change) but have no refresh token: the server holds the session and asks here for a short-lived access token
 * whenever the one it has expires, so a browser request is authorized exactly like a bearer token.
 */
@Service
public class BrowserSessions {

    /** An access token for the session; it never leaves the server. */
    public record Token(String value, Instant expiresAt) {}

    private final AuthSessionRepository sessions;
    private final AccessTokens accessTokens;
    private final SessionRevocations revocations;
    private final Accounts accounts;
    private final SecurityEvents events;
    private final Clock clock;

    BrowserSessions(
            AuthSessionRepository sessions,
            AccessTokens accessTokens,
            SessionRevocations revocations,
            Accounts accounts,
            SecurityEvents events,
            Clock clock) {
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** Starts a session for an account the identity provider vouched for; it ends after {@code lifetime} at most. */
    @Transactional
    public UUID start(AccountView account, String deviceLabel, Duration lifetime) {
        Instant expiry = clock.instant().plus(lifetime);
        AuthSession session = sessions.save(AuthSession.start(
                account.id(), account.credentialVersion(), DeviceLabels.of(deviceLabel), expiry, clock));
        revocations.keepAtMostTheNewest(account.id());
        events.loginSucceeded(account.id(), session.id());
        return session.id();
    }

    /**
     * A fresh access token while the session lives, its account is enabled and holds the credential version the
     * session started with; otherwise empty, and the session is ended.
     */
    @Transactional
    public Optional<Token> token(UUID sessionId) {
        Instant now = clock.instant();
        Optional<AuthSession> session = sessions.findById(sessionId).filter(s -> s.isActive(now));
        Optional<AccountView> account = session.flatMap(s -> accounts.find(s.accountId()))
                .filter(AccountView::enabled)
                .filter(a -> a.credentialVersion() == session.get().credentialVersion());
        if (account.isEmpty() || sessions.touch(sessionId, now) == 0) {
            session.ifPresent(s -> revocations.revoke(s.id(), "account-changed"));
            return Optional.empty();
        }
        AccessTokens.Issued issued = accessTokens.issue(account.get(), sessionId);
        return Optional.of(new Token(issued.value(), issued.expiresAt()));
    }

    /** Ends the session (sign-out, back-channel logout); its access tokens stop working on every instance. */
    @Transactional
    public void end(UUID sessionId, String reason) {
        sessions.findById(sessionId).filter(s -> s.isActive(clock.instant())).ifPresent(s -> {
            revocations.revoke(s.id(), reason);
            events.sessionsRevoked(s.accountId(), 1, reason, null);
        });
    }
}

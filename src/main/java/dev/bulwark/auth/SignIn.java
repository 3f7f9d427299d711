package dev.bulwark.auth;

import dev.bulwark.account.Accounts;
import dev.bulwark.account.CredentialCheck;
import dev.bulwark.common.HashingPool;
import dev.bulwark.web.Busy;
import java.time.Duration;
import org.springframework.stereotype.Service;

/**
 * Password sign-in, the whole use case in one place and in the order it runs: hashing place → throttle → credentials
 * → session. Every answer other than success is decided here: 503 busy (no hashing place, or no slot within the
 * pool's wait), 429 (this client, or after many more failures the whole account, must wait), 401 (unknown email,
 * wrong password or disabled account, all alike). Apart from the shared hashing pool and throttle, it asks account to
 * check the credentials; starting the session asks account once more, for the row lock that orders it against
 * password, role and enabled changes.
 */
@Service
class SignIn {

    private final HashingPool hashing;
    private final LoginThrottle throttle;
    private final Accounts accounts;
    private final SessionService sessions;
    private final SecurityEvents events;

    SignIn(
            HashingPool hashing,
            LoginThrottle throttle,
            Accounts accounts,
            SessionService sessions,
            SecurityEvents events) {
        this.hashing = hashing;
        this.throttle = throttle;
        this.accounts = accounts;
        this.sessions = sessions;
        this.events = events;
    }

    /** @param clientKey the client's address, IPv6 grouped by /64 ({@code ClientAddresses.clientKey}) */
    SessionService.Tokens signIn(String email, String password, String device, String clientKey) {
        // The hashing place is claimed before anything is counted or read: a flood's refusals cost nothing.
        try (HashingPool.Place place = hashing.claim().orElseThrow(Busy::new)) {
            Duration wait = throttle.count(email, clientKey);
            if (!wait.isZero()) {
                events.loginThrottled(wait.toSeconds());
                throw AuthProblems.tooManyAttempts(wait);
            }
            return switch (accounts.checkCredentials(email, password, place)) {
                case CredentialCheck.Accepted accepted -> {
                    throttle.succeeded(email, clientKey);
                    yield sessions.start(accepted.account(), device);
                }
                case CredentialCheck.Rejected rejected -> {
                    events.loginFailed();
                    throw new AuthProblems.InvalidCredentials();
                }
                case CredentialCheck.NotChecked notChecked -> {
                    throttle.refund(email, clientKey); // a password never compared is no failed guess
                    throw new Busy();
                }
            };
        }
    }
}

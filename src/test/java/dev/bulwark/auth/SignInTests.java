package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.bulwark.account.AccountView;
import dev.bulwark.account.Accounts;
import dev.bulwark.account.CredentialCheck;
import dev.bulwark.common.HashingPool;
import dev.bulwark.web.Busy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sign-in use case decides 401, 429 and 503 in one place; these pin down which, and what each one counts. */
class SignInTests {

    private static final String DEVICE = "test";

    private final AttemptStore store = new LocalAttemptStore(Clock.systemUTC());
    private final HashingPool hashing = mock(HashingPool.class);
    private final Accounts accounts = mock(Accounts.class);
    private final SessionService sessions = mock(SessionService.class);
    private final SignIn signIn = new SignIn(hashing, throttle(store), accounts, sessions, mock(SecurityEvents.class));

    private static LoginThrottle throttle(AttemptStore store) {
        return new LoginThrottle(store, store, new LoginThrottleProperties(10, Duration.ofMinutes(15)));
    }

    @Test
    void signInsRefusedAsBusyDoNotCountAgainstTheAccount() {
        when(accounts.checkCredentials(anyString(), anyString())).thenReturn(new CredentialCheck.NotChecked());
        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> signIn.signIn("ada@example.com", "pw", DEVICE))
                    .isInstanceOf(Busy.class);
        }
        when(accounts.checkCredentials(anyString(), anyString())).thenReturn(new CredentialCheck.Rejected());
        assertThatThrownBy(() -> signIn.signIn("ada@example.com", "pw", DEVICE))
                .isInstanceOf(AuthProblems.InvalidCredentials.class);
    }

    @Test
    void checkedFailuresCountAndTheEleventhMakesTheNextWait() {
        when(accounts.checkCredentials(anyString(), anyString())).thenReturn(new CredentialCheck.Rejected());
        for (int i = 0; i < 11; i++) {
            assertThatThrownBy(() -> signIn.signIn("bob@example.com", "wrong", DEVICE))
                    .isInstanceOf(AuthProblems.InvalidCredentials.class);
        }
        assertThatThrownBy(() -> signIn.signIn("bob@example.com", "right", DEVICE))
                .isInstanceOf(AuthProblems.TooManyAttempts.class);
    }

    @Test
    void aSuccessStartsASessionAndResetsTheCount() {
        when(accounts.checkCredentials(anyString(), anyString())).thenReturn(new CredentialCheck.Rejected());
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> signIn.signIn("cy@example.com", "wrong", DEVICE));
        }
        AccountView account =
                new AccountView(UUID.randomUUID(), "cy@example.com", "Cy", Set.of("USER"), true, Instant.EPOCH);
        when(accounts.checkCredentials(anyString(), anyString())).thenReturn(new CredentialCheck.Accepted(account, 0));
        signIn.signIn("cy@example.com", "right", DEVICE);

        assertThat(store.count(LoginThrottle.key("cy@example.com"), Duration.ofMinutes(1)))
                .as("the success reset the count: this is the first attempt since")
                .isEqualTo(1);
        org.mockito.Mockito.verify(sessions).start(account, 0, DEVICE);
    }

    @Test
    void aSaturatedHashingPoolRefusesBeforeCountingOrChecking() {
        AttemptStore untouchable = mock(AttemptStore.class);
        when(hashing.saturated()).thenReturn(true);
        SignIn guarded = new SignIn(hashing, throttle(untouchable), accounts, sessions, mock(SecurityEvents.class));

        assertThatThrownBy(() -> guarded.signIn("eve@example.com", "pw", DEVICE))
                .isInstanceOf(Busy.class);
        verifyNoInteractions(untouchable, accounts, sessions);
    }
}

package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.bulwark.account.AccountView;
import dev.bulwark.account.Accounts;
import dev.bulwark.account.CredentialCheck;
import dev.bulwark.common.GuessThrottle;
import dev.bulwark.common.HashingPool;
import dev.bulwark.common.ThrottleRules;
import dev.bulwark.web.Busy;
import dev.bulwark.web.TooManyRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sign-in use case decides 401, 429 and 503 in one place; these pin down which, and what each one counts. */
class SignInTests {

    private static final String DEVICE = "test";
    private static final String CLIENT = "192.0.2.1";

    private final HashingPool hashing = mock(HashingPool.class);
    private final HashingPool.Place place = mock(HashingPool.Place.class);
    private final Accounts accounts = mock(Accounts.class);
    private final SessionService sessions = mock(SessionService.class);
    private final SignIn signIn = new SignIn(
            hashing,
            throttle(GuessThrottle.of(
                    new ThrottleRules(10, Duration.ofMinutes(15), 100, Duration.ofSeconds(30)),
                    null,
                    "test:",
                    Clock.systemUTC())),
            accounts,
            sessions,
            mock(SecurityEvents.class));

    SignInTests() {
        when(hashing.claim()).thenReturn(Optional.of(place));
    }

    private static LoginThrottle throttle(GuessThrottle throttle) {
        return new LoginThrottle(throttle, "test secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void signInsRefusedAsBusyDoNotCountAgainstTheAccount() {
        when(accounts.checkCredentials(anyString(), anyString(), eq(place)))
                .thenReturn(new CredentialCheck.NotChecked());
        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> signIn.signIn("ada@example.com", "pw", DEVICE, CLIENT))
                    .isInstanceOf(Busy.class);
        }
        when(accounts.checkCredentials(anyString(), anyString(), eq(place))).thenReturn(new CredentialCheck.Rejected());
        assertThatThrownBy(() -> signIn.signIn("ada@example.com", "pw", DEVICE, CLIENT))
                .isInstanceOf(AuthProblems.InvalidCredentials.class);
    }

    @Test
    void checkedFailuresCountAndTheEleventhMakesTheNextWait() {
        when(accounts.checkCredentials(anyString(), anyString(), eq(place))).thenReturn(new CredentialCheck.Rejected());
        for (int i = 0; i < 11; i++) {
            assertThatThrownBy(() -> signIn.signIn("bob@example.com", "wrong", DEVICE, CLIENT))
                    .isInstanceOf(AuthProblems.InvalidCredentials.class);
        }
        assertThatThrownBy(() -> signIn.signIn("bob@example.com", "right", DEVICE, CLIENT))
                .isInstanceOf(TooManyRequests.class);
        verify(place, times(12)).close(); // every attempt gives its hashing place back, the refused one too
    }

    @Test
    void aStrangerFailingFromAnotherAddressDoesNotMakeTheOwnerWait() {
        when(accounts.checkCredentials(anyString(), anyString(), eq(place))).thenReturn(new CredentialCheck.Rejected());
        for (int i = 0; i < 50; i++) { // 11 counted failures, then refusals that count nothing
            assertThatThrownBy(() -> signIn.signIn("dee@example.com", "guess", DEVICE, "203.0.113.9"))
                    .isInstanceOf(i < 11 ? AuthProblems.InvalidCredentials.class : TooManyRequests.class);
        }
        AccountView account =
                new AccountView(UUID.randomUUID(), "dee@example.com", "Dee", Set.of("USER"), true, Instant.EPOCH, 0);
        when(accounts.checkCredentials(anyString(), anyString(), eq(place)))
                .thenReturn(new CredentialCheck.Accepted(account));
        signIn.signIn("dee@example.com", "right", DEVICE, "198.51.100.7");
        org.mockito.Mockito.verify(sessions).start(account, DEVICE);
    }

    @Test
    void aSuccessStartsASessionAndResetsTheCount() {
        when(accounts.checkCredentials(anyString(), anyString(), eq(place))).thenReturn(new CredentialCheck.Rejected());
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> signIn.signIn("cy@example.com", "wrong", DEVICE, CLIENT));
        }
        AccountView account =
                new AccountView(UUID.randomUUID(), "cy@example.com", "Cy", Set.of("USER"), true, Instant.EPOCH, 0);
        when(accounts.checkCredentials(anyString(), anyString(), eq(place)))
                .thenReturn(new CredentialCheck.Accepted(account));
        signIn.signIn("cy@example.com", "right", DEVICE, CLIENT);
        org.mockito.Mockito.verify(sessions).start(account, DEVICE);

        when(accounts.checkCredentials(anyString(), anyString(), eq(place))).thenReturn(new CredentialCheck.Rejected());
        for (int i = 0; i < 11; i++) { // 9 + 11 would be past the free 10 (429) had the success not reset the count
            assertThatThrownBy(() -> signIn.signIn("cy@example.com", "wrong", DEVICE, CLIENT))
                    .as("failure %d since the success", i + 1)
                    .isInstanceOf(AuthProblems.InvalidCredentials.class);
        }
    }

    @Test
    void noFreeHashingPlaceRefusesBeforeCountingOrChecking() {
        GuessThrottle untouchable = mock(GuessThrottle.class);
        when(hashing.claim()).thenReturn(Optional.empty());
        SignIn guarded = new SignIn(hashing, throttle(untouchable), accounts, sessions, mock(SecurityEvents.class));

        assertThatThrownBy(() -> guarded.signIn("eve@example.com", "pw", DEVICE, CLIENT))
                .isInstanceOf(Busy.class);
        verifyNoInteractions(untouchable, accounts, sessions);
    }
}

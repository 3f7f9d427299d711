package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginThrottleRefundTests {

    private final AttemptStore store = new LocalAttemptStore(Clock.systemUTC());
    private final LoginThrottle throttle =
            new LoginThrottle(store, store, new ProtectionProperties.Throttle(10, Duration.ofMinutes(15)), () -> false);

    @Test
    void signInsRefusedAsBusyDoNotCountAgainstTheAccount() {
        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> throttle.attempt("ada@example.com", () -> {
                        throw new HashingGate.Busy();
                    }))
                    .isInstanceOf(HashingGate.Busy.class);
        }
        assertThat(throttle.attempt("ada@example.com", () -> "checked")).isEqualTo("checked");
    }

    @Test
    void checkedFailuresStillCount() {
        for (int i = 0; i < 11; i++) {
            throttle.attempt("bob@example.com", () -> "wrong password");
        }
        assertThatThrownBy(() -> throttle.attempt("bob@example.com", () -> "checked"))
                .isInstanceOf(LoginThrottle.TooManyAttempts.class);
    }

    @Test
    void aFullHashingPoolRefusesBeforeCountingOrChecking() {
        AttemptStore untouchable = mock(AttemptStore.class);
        LoginThrottle guarded = new LoginThrottle(
                untouchable, untouchable, new ProtectionProperties.Throttle(10, Duration.ofMinutes(15)), () -> true);
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> guarded.attempt("eve@example.com", checks::incrementAndGet))
                .isInstanceOf(HashingGate.Busy.class);
        assertThat(checks).hasValue(0);
        verifyNoInteractions(untouchable);
    }
}

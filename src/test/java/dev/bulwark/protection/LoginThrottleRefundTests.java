package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleRefundTests {

    private final AttemptStore store = new LocalAttemptStore(Clock.systemUTC());
    private final LoginThrottle throttle =
            new LoginThrottle(store, store, new ProtectionProperties.Throttle(10, Duration.ofMinutes(15)));

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
}

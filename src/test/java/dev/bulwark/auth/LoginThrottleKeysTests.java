package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.bulwark.common.GuessThrottle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Throttle keys hide the email and the client: keyed by a server secret, not a plain hash anyone can recompute. */
class LoginThrottleKeysTests {

    private static LoginThrottle withSecret(String secret) {
        return new LoginThrottle(mock(GuessThrottle.class), secret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keysAreKeyedHashesOfTheNormalisedEmailNotPlainOnes() throws Exception {
        GuessThrottle.Attempt attempt = withSecret("one").attempt(" Ada@Example.COM ", "203.0.113.7");
        String plain = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("ada@example.com".getBytes(StandardCharsets.UTF_8)));

        assertThat(attempt.account()).isNotEqualTo(plain).doesNotContain("ada").hasSize(64);
        assertThat(attempt.client()).doesNotContain("203.0.113.7");
        assertThat(withSecret("one").attempt("ada@example.com", "203.0.113.7"))
                .as("the same on every instance with the same secret, whatever the email's case and spaces")
                .isEqualTo(attempt);
        assertThat(withSecret("two").attempt("ada@example.com", "203.0.113.7").account())
                .as("another secret, other keys")
                .isNotEqualTo(attempt.account());
    }
}

package dev.bulwark.protection;

import dev.bulwark.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Slows down password guessing against one account: after {@code freeFailures} consecutive unsuccessful attempts
 * each further attempt must wait, 1 s, 2 s, 4 s... up to {@code maxDelay}; a success resets the count. It never locks an account
 * for good (that would let anyone lock anyone out), and it behaves the same whether or not the account exists.
 * Accounts are keyed by a hash of the normalised email, so no email is stored.
 */
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger("dev.bulwark.security");

    private final AttemptStore store;
    private final AttemptStore fallback;
    private final ProtectionProperties.Throttle settings;
    private final BooleanSupplier hashingFull;

    LoginThrottle(
            AttemptStore store,
            AttemptStore fallback,
            ProtectionProperties.Throttle settings,
            BooleanSupplier hashingFull) {
        this.store = store;
        this.fallback = fallback;
        this.settings = settings;
        this.hashingFull = hashingFull;
    }

    /**
     * Counts a sign-in attempt before the password is checked, and refuses it (429, {@code Retry-After}) while the
     * account must wait. Counting first means a burst of parallel guesses cannot all slip through when a delay
     * ends: the first attempt past the free ones sets the next delay, and the rest find it set.
     */
    private void attempt(String email) {
        String key = key(email);
        Duration refused = withFallback(s -> {
            long attempts = s.count(key, settings.maxDelay().multipliedBy(2));
            Duration wait = s.blockedFor(key);
            if (!wait.isZero()) {
                return wait;
            }
            if (attempts > settings.freeFailures()) {
                Duration delay = delayAfter(attempts);
                s.block(key, delay);
                log.atWarn()
                        .addKeyValue("event", "login.throttled")
                        .addKeyValue("delaySeconds", delay.toSeconds())
                        .log("Repeated failed sign-ins for one account: delaying further attempts");
            }
            return Duration.ZERO;
        });
        if (!refused.isZero()) {
            throw new TooManyAttempts(refused);
        }
    }

    /**
     * Runs one sign-in attempt's password check: counted before it runs (see {@link #attempt(String)}), and taken
     * back when the check never ran because the hashing pool was full (503 busy). Without the refund, a burst of
     * sign-ins refused as busy counted as failures and throttled the accounts of people who typed their password
     * right (measured: 1,402 of 2,091 sign-ins in a burst got 429). When the pool is already full, the attempt is
     * refused before it is counted: a flood's refusals then cost no Redis round trips and no database read, which
     * left the CPU to the hashes (measured in docs/performance.md).
     */
    public <T> T attempt(String email, Supplier<T> passwordCheck) {
        if (hashingFull.getAsBoolean()) {
            throw new HashingGate.Busy();
        }
        attempt(email);
        try {
            return passwordCheck.get();
        } catch (HashingGate.Busy notChecked) {
            withFallback(s -> {
                s.uncount(key(email));
                return Duration.ZERO;
            });
            throw notChecked;
        }
    }

    private Duration delayAfter(long attempts) {
        long exponent = Math.min(attempts - settings.freeFailures() - 1, 30);
        Duration next = Duration.ofSeconds(1L << exponent);
        return next.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : next;
    }

    public void succeeded(String email) {
        withFallback(s -> {
            s.reset(key(email));
            return Duration.ZERO;
        });
    }

    private Duration withFallback(java.util.function.Function<AttemptStore, Duration> action) {
        try {
            return action.apply(store);
        } catch (RuntimeException redisDown) {
            if (store == fallback) {
                throw redisDown;
            }
            log.atWarn()
                    .addKeyValue("event", "login_throttle.fallback")
                    .log("Shared throttle state unavailable; using this instance's");
            return action.apply(fallback);
        }
    }

    static String key(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class TooManyAttempts extends ApiProblem {
        private final Duration wait;

        TooManyAttempts(Duration wait) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-requests",
                    "Too many requests",
                    "Too many failed sign-ins; wait before trying again.");
            this.wait = wait;
        }

        @Override
        public HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            return headers;
        }
    }
}

package dev.bulwark.common;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Slows down password guessing (OWASP's per-device throttling): after {@code freeFailures} failed attempts from one
 * client key against one account, that pair waits 1 s, 2 s, 4 s... up to {@code maxDelay}; only after
 * {@code accountFreeFailures} failures from all clients together does the whole account wait, and never longer than
 * {@code accountMaxDelay}. So a stranger failing from elsewhere cannot make the owner wait before that ceiling, and
 * then at most {@code accountMaxDelay} per attempt: no account is ever locked for good. A refused attempt (429) counts
 * nothing: waiting out a delay must not lengthen it. Shared through Redis when configured; this instance's counters
 * while Redis is unreachable. Callers pass keys that are not personal data (HMACs, ids): they are stored as given.
 */
public final class GuessThrottle {

    /** One attempt: what is guessed ({@code login}), the account's key and the client's key. */
    public record Attempt(String scope, String account, String client) {
        String pairKey() {
            return scope + ":pair:" + account + ":" + client;
        }

        String accountKey() {
            return scope + ":account:" + account;
        }
    }

    private static final Logger log = LoggerFactory.getLogger("dev.bulwark.security");

    private final AttemptStore store;
    private final AttemptStore fallback;
    private final ThrottleRules rules;
    private final Duration keepCounts;

    private GuessThrottle(AttemptStore store, AttemptStore fallback, ThrottleRules rules) {
        this.store = store;
        this.fallback = fallback;
        this.rules = rules;
        Duration longest =
                rules.maxDelay().compareTo(rules.accountMaxDelay()) > 0 ? rules.maxDelay() : rules.accountMaxDelay();
        this.keepCounts = longest.multipliedBy(2);
    }

    /** On one given store (tests). */
    static GuessThrottle on(AttemptStore store, ThrottleRules rules) {
        return new GuessThrottle(store, store, rules);
    }

    /** Redis when a template is given, else (and while Redis is unreachable) this instance's counters. */
    public static GuessThrottle of(
            ThrottleRules rules, @Nullable StringRedisTemplate redis, String keyPrefix, Clock clock) {
        AttemptStore local = new LocalAttemptStore(clock);
        return new GuessThrottle(redis == null ? local : new RedisAttemptStore(redis, keyPrefix), local, rules);
    }

    /**
     * Before a password is checked: how long this attempt must still wait (refused, nothing counted), or zero, when
     * the attempt is counted and may go on. Counting before the check means the counted attempt past the free ones
     * sets the delay that the following ones meet.
     */
    public Duration count(Attempt attempt) {
        return withFallback(s -> {
            // Count first, then look for a delay: of a burst that arrives together, the attempt counted past the free
            // ones sets the delay, and every one counted after it finds it set (reading first let a whole burst in).
            long pairCount = s.count(attempt.pairKey(), keepCounts);
            long accountCount = s.count(attempt.accountKey(), keepCounts);
            Duration pair = s.blockedFor(attempt.pairKey());
            Duration account = s.blockedFor(attempt.accountKey());
            Duration wait = pair.compareTo(account) > 0 ? pair : account;
            if (!wait.isZero()) {
                s.uncount(attempt.pairKey()); // refused: it counts nothing, so waiting out a delay never lengthens it
                s.uncount(attempt.accountKey());
                return wait;
            }
            delayIfBeyond(s, attempt, attempt.pairKey(), pairCount, rules.freeFailures(), rules.maxDelay());
            delayIfBeyond(
                    s,
                    attempt,
                    attempt.accountKey(),
                    accountCount,
                    rules.accountFreeFailures(),
                    rules.accountMaxDelay());
            return Duration.ZERO;
        });
    }

    /** Takes back a counted attempt whose password was never compared (no hashing slot): it was no guess. */
    public void refund(Attempt attempt) {
        withFallback(s -> {
            s.uncount(attempt.pairKey());
            s.uncount(attempt.accountKey());
            return Duration.ZERO;
        });
    }

    /** The password was right: the pair and the account start again from zero. */
    public void succeeded(Attempt attempt) {
        withFallback(s -> {
            s.reset(attempt.pairKey());
            s.reset(attempt.accountKey());
            return Duration.ZERO;
        });
    }

    private void delayIfBeyond(AttemptStore s, Attempt attempt, String key, long attempts, int free, Duration max) {
        if (attempts <= free) {
            return;
        }
        Duration next = Duration.ofSeconds(1L << Math.min(attempts - free - 1, 30));
        Duration delay = next.compareTo(max) > 0 ? max : next;
        s.block(key, delay);
        log.atWarn()
                .addKeyValue("event", attempt.scope() + ".throttled")
                .addKeyValue("accountWide", key.equals(attempt.accountKey()))
                .addKeyValue("delaySeconds", delay.toSeconds())
                .log("Repeated failed password checks: delaying further attempts");
    }

    private Duration withFallback(Function<AttemptStore, Duration> action) {
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
}

package dev.bulwark.protection;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What this instance holds of one shared bucket: tokens taken from it ahead of the requests that spend them, or a
 * refusal until its next token. A refusal is exact: other instances can only take tokens, so none appears sooner.
 */
final class Lease {

    private final AtomicLong left;
    private final long sharedLeft;
    private final long capacity;
    private final Duration period;
    private final @Nullable Instant refusedUntil;
    private final Instant fullAt;

    private Lease(
            long tokens, long sharedLeft, RateLimits.Policy policy, @Nullable Instant refusedUntil, Instant fullAt) {
        this.left = new AtomicLong(tokens);
        this.sharedLeft = sharedLeft;
        this.capacity = policy.capacity();
        this.period = policy.period();
        this.refusedUntil = refusedUntil;
        this.fullAt = fullAt;
    }

    /** Tokens taken, with what the shared bucket had left once they were. */
    static Lease of(long tokens, long sharedLeft, RateLimits.Policy policy) {
        return new Lease(tokens, sharedLeft, policy, null, Instant.MIN);
    }

    /** The shared bucket refused: so does this lease until the probe's refill time. */
    static Lease refused(ConsumptionProbe probe, RateLimits.Policy policy, Instant now) {
        return new Lease(
                0,
                0,
                policy,
                now.plusNanos(probe.getNanosToWaitForRefill()),
                now.plusNanos(probe.getNanosToWaitForReset()));
    }

    /** One request's answer, or null when this lease has nothing more to give (spent, or its refusal is over). */
    @Nullable
    ConsumptionProbe spend(Instant now) {
        if (refusedUntil != null) {
            return now.isBefore(refusedUntil)
                    ? ConsumptionProbe.rejected(
                            0, Duration.between(now, refusedUntil).toNanos(), nanosUntil(now, fullAt))
                    : null;
        }
        long mine = left.decrementAndGet();
        if (mine < 0) {
            return null;
        }
        long remaining = Math.min(capacity, sharedLeft + mine);
        // Time to refill what is missing, at the policy's rate (the bucket refills continuously).
        return ConsumptionProbe.consumed(remaining, (capacity - remaining) * (period.toNanos() / capacity));
    }

    private static long nanosUntil(Instant now, Instant then) {
        return now.isBefore(then) ? Duration.between(now, then).toNanos() : 0;
    }
}

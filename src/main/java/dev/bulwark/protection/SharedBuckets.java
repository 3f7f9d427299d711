package dev.bulwark.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.common.Refreshing;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The buckets all instances share in Redis, spent without a round trip per request. An instance takes a lease of up
 * to {@value #LEASE_PERCENT}% of a bucket's capacity (at least one token) in one round trip and spends it locally;
 * requests that find the lease spent wait for one new lease between them. A refused lease is kept as a refusal until
 * the bucket's next token, so a client that is over its limit costs Redis nothing until then.
 *
 * <p>The error bound (docs/security.md): a token is never spent twice, so over any period the instances together let a
 * client through at most the capacity plus the refill plus one lease each (tokens taken earlier, spent now). A client
 * can be refused early by at most the lease each other instance holds. Policies of fewer than 40 requests a period
 * (sign-in, registration, password) lease one token at a time: every request is counted in Redis, as without leases.
 */
final class SharedBuckets {

    static final int LEASE_PERCENT = 5;

    private final ProxyManager<byte[]> proxies;
    private final Clock clock;
    // One proxy per key, so Bucket4j's batching merges concurrent requests for a hot key (one client, one policy)
    // into one Redis round trip instead of compare-and-swap retries (measured: 200 parallel requests from one IP
    // queued for seconds without it).
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final Cache<String, Refreshing<Lease>> leases = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    SharedBuckets(ProxyManager<byte[]> proxies, Clock clock) {
        this.proxies = proxies;
        this.clock = clock;
    }

    /** Throws when Redis fails; the caller falls back to its own buckets. */
    ConsumptionProbe consume(String key, RateLimits.Policy policy) {
        Refreshing<Lease> lease = leases.get(key, k -> Refreshing.lazy(() -> take(k, policy), Duration.ZERO, clock));
        Lease held = lease.get();
        while (true) {
            ConsumptionProbe answer = held.spend(clock.instant());
            if (answer != null) {
                return answer;
            }
            held = lease.getNewerThan(held); // one new lease for all requests that found this one spent
        }
    }

    static long leaseSize(int capacity) {
        return Math.max(1, (long) capacity * LEASE_PERCENT / 100);
    }

    private Lease take(String key, RateLimits.Policy policy) {
        Bucket bucket = buckets.get(
                key,
                k -> proxies.builder()
                        .withOptimization(Optimizations.batching())
                        .build(k.getBytes(StandardCharsets.UTF_8), policy::configuration));
        VerboseResult<Long> taken = bucket.asVerbose().tryConsumeAsMuchAsPossible(leaseSize(policy.capacity()));
        long tokens = Objects.requireNonNull(taken.getValue());
        if (tokens > 0) {
            return Lease.of(tokens, taken.getDiagnostics().getAvailableTokens(), policy);
        }
        // Empty: one more round trip for the exact time of the next token, then none until it.
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? Lease.of(1, probe.getRemainingTokens(), policy)
                : Lease.refused(probe, policy, clock.instant());
    }
}

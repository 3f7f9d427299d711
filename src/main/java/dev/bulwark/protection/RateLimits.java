package dev.bulwark.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.web.ApiProblem;
import dev.bulwark.web.ClientAddresses;
import dev.bulwark.web.RequestGuard;
import dev.bulwark.web.TooManyRequests;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Token-bucket rate limits per policy and client (IPv4 address or IPv6 /64, {@code ClientAddresses.clientKey}). With
 * Redis the buckets are shared by all instances and spent through leases ({@link SharedBuckets}); if Redis fails,
 * each instance falls back to its own buckets (logged, counted in {@code bulwark_ratelimit_fallback_total}) and goes
 * back to Redis by itself when it answers again.
 */
final class RateLimits implements RequestGuard {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    record Policy(
            String name, List<PathPattern> paths, int capacity, Duration period, BucketConfiguration configuration) {

        /** {@code capacity} requests, refilled continuously over {@code period}. */
        static Policy of(String name, List<String> paths, int capacity, Duration period) {
            return new Policy(
                    name,
                    paths.stream().map(PathPatternParser.defaultInstance::parse).toList(),
                    capacity,
                    period,
                    BucketConfiguration.builder()
                            .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                            .build());
        }

        boolean matches(PathContainer path) {
            return paths.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }

    private final List<Policy> policies;
    private final ClientAddresses clients;
    private final Supplier<@Nullable SharedBuckets> shared;
    private final String keyPrefix;
    private final Cache<String, Bucket> local = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final Counter fallbacks;
    private final Counter rejections;
    // One fallback warning per 10 s while Redis is down, not one per request (the counter counts each).
    private final Cache<String, Boolean> recentWarnings;

    RateLimits(
            ProtectionProperties properties,
            ClientAddresses clients,
            Supplier<@Nullable SharedBuckets> shared,
            String keyPrefix,
            MeterRegistry meters,
            Clock clock) {
        this.policies = properties.rateLimitsEnabled() ? compile(properties) : List.of();
        this.clients = clients;
        this.shared = shared;
        this.keyPrefix = keyPrefix + "rl:";
        this.fallbacks = meters.counter("bulwark.ratelimit.fallback");
        this.rejections = meters.counter("bulwark.ratelimit.rejected");
        this.recentWarnings = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(10))
                .ticker(() -> clock.millis() * 1_000_000) // nanoseconds
                .build();
    }

    private static List<Policy> compile(ProtectionProperties properties) {
        return properties.rateLimits().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(entry -> Policy.of(
                        entry.getKey(),
                        entry.getValue().paths(),
                        entry.getValue().capacity(),
                        entry.getValue().period()))
                .toList();
    }

    /** Connects the shared buckets now if they are not yet; stays on local buckets when Redis is down. */
    void connectShared() {
        shared.get();
    }

    @Override
    public Optional<ApiProblem> check(HttpServletRequest request, HttpServletResponse response) {
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        String client = null;
        Policy tightest = null;
        ConsumptionProbe tightestProbe = null;
        for (Policy policy : policies) {
            if (!policy.matches(path)) {
                continue;
            }
            client = client != null ? client : clients.clientKey(request);
            ConsumptionProbe probe = consume(policy, client);
            if (!probe.isConsumed()) {
                rejections.increment();
                headers(response, policy, probe);
                return Optional.of(refused(probe));
            }
            if (tightestProbe == null || probe.getRemainingTokens() < tightestProbe.getRemainingTokens()) {
                tightest = policy;
                tightestProbe = probe;
            }
        }
        if (tightest != null) {
            headers(response, tightest, tightestProbe);
        }
        return Optional.empty();
    }

    private static TooManyRequests refused(ConsumptionProbe probe) {
        return new TooManyRequests(
                "Too many requests from this client; retry after the time in Retry-After.",
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private ConsumptionProbe consume(Policy policy, String client) {
        String key = keyPrefix + policy.name() + ":" + client;
        SharedBuckets buckets = shared.get();
        if (buckets != null) {
            try {
                return buckets.consume(key, policy);
            } catch (RuntimeException redisDown) {
                fellBack(redisDown);
            }
        }
        return local.get(
                        key,
                        k -> Bucket.builder()
                                .addLimit(policy.configuration().getBandwidths()[0])
                                .build())
                .tryConsumeAndReturnRemaining(1);
    }

    private void fellBack(RuntimeException cause) {
        fallbacks.increment();
        if (recentWarnings.asMap().putIfAbsent("fallback", Boolean.TRUE) == null) {
            log.atWarn()
                    .addKeyValue("event", "ratelimit.fallback")
                    .addKeyValue("cause", cause.getClass().getSimpleName())
                    .log("Redis unavailable for rate limits: using this instance's buckets");
        }
    }

    private static void headers(HttpServletResponse response, Policy policy, ConsumptionProbe probe) {
        String limit = Integer.toString(policy.capacity());
        String remaining = Long.toString(probe.getRemainingTokens());
        String reset = Long.toString(seconds(probe.getNanosToWaitForReset()));
        response.setHeader("RateLimit-Limit", limit);
        response.setHeader("RateLimit-Remaining", remaining);
        response.setHeader("RateLimit-Reset", reset);
        response.setHeader("X-RateLimit-Limit", limit);
        response.setHeader("X-RateLimit-Remaining", remaining);
        response.setHeader("X-RateLimit-Reset", reset);
    }

    static long seconds(long nanos) {
        return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}

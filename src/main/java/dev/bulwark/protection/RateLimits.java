package dev.bulwark.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.web.ApiProblem;
import dev.bulwark.web.ClientAddresses;
import dev.bulwark.web.RequestGuard;
import dev.bulwark.web.TooManyRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Token-bucket rate limits per policy and client (IPv4 address or IPv6 /64, {@code ClientAddresses.clientKey}). With Redis the buckets are shared by all instances;
 * if Redis fails, each instance falls back to its own buckets (logged, counted in
 * {@code bulwark_ratelimit_fallback_total}) and goes back to Redis by itself when it answers again.
 */
final class RateLimits implements RequestGuard {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    record Policy(String name, List<PathPattern> paths, BucketRule rule) {
        boolean matches(PathContainer path) {
            return paths.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }

    private final List<Policy> policies;
    private final ClientAddresses clients;
    private final @Nullable BucketStore shared;
    private final BucketStore local;
    private final String keyPrefix;
    private final Clock clock;
    private final Counter fallbacks;
    private final Counter rejections;
    // One fallback warning per 10 s while Redis is down, not one per request (the counter counts each).
    private final Cache<String, Boolean> recentWarnings;

    RateLimits(
            ProtectionProperties properties,
            ClientAddresses clients,
            @Nullable BucketStore shared,
            String keyPrefix,
            MeterRegistry meters,
            Clock clock) {
        this.policies = properties.rateLimitsEnabled() ? compile(properties) : List.of();
        this.clients = clients;
        this.shared = shared;
        this.local = new LocalBucketStore(clock);
        this.keyPrefix = keyPrefix + "rate:";
        this.clock = clock;
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
                .map(entry -> {
                    ProtectionProperties.Policy policy = entry.getValue();
                    return new Policy(
                            entry.getKey(),
                            policy.paths().stream()
                                    .map(PathPatternParser.defaultInstance::parse)
                                    .toList(),
                            BucketRule.of(policy.capacity(), policy.period()));
                })
                .toList();
    }

    @Override
    public Optional<ApiProblem> check(HttpServletRequest request, HttpServletResponse response) {
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        String client = null;
        long now = micros(clock);
        Policy tightest = null;
        BucketRule.Take tightestTake = null;
        for (Policy policy : policies) {
            if (!policy.matches(path)) {
                continue;
            }
            client = client != null ? client : clients.clientKey(request);
            BucketRule.Take take = take(policy, client, now);
            if (!take.allowed()) {
                rejections.increment();
                headers(response, policy, take);
                return Optional.of(refused(take));
            }
            if (tightestTake == null || take.remaining() < tightestTake.remaining()) {
                tightest = policy;
                tightestTake = take;
            }
        }
        if (tightest != null) {
            headers(response, tightest, tightestTake);
        }
        return Optional.empty();
    }

    private static TooManyRequests refused(BucketRule.Take take) {
        return new TooManyRequests(
                "Too many requests from this client; retry after the time in Retry-After.",
                Duration.ofNanos(take.retryAfterMicros() * 1_000));
    }

    private BucketRule.Take take(Policy policy, String client, long now) {
        String key = keyPrefix + policy.name() + ":" + client;
        if (shared != null) {
            try {
                return shared.take(key, policy.rule(), now);
            } catch (RuntimeException redisDown) {
                fellBack(redisDown);
            }
        }
        return local.take(key, policy.rule(), now);
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

    private static void headers(HttpServletResponse response, Policy policy, BucketRule.Take take) {
        String limit = Integer.toString(policy.rule().capacity());
        String remaining = Long.toString(take.remaining());
        String reset = Long.toString(seconds(take.resetMicros() * 1_000));
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

    /** Microseconds since the epoch: the buckets' time unit. */
    static long micros(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}

package dev.bulwark.common;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shared state ({@code bulwark.redis.*}). Without a URL every instance keeps its state in-process (fine for one
 * instance); with one, rate limits, revocations and caches are shared through Redis.
 *
 * @param url Redis URL ({@code redis://host:6379}, {@code rediss://} for TLS); unset means in-process state
 * @param keyPrefix prefix of every key the service writes, so several deployments can share one Redis
 */
@ConfigurationProperties("bulwark.redis")
public record RedisSettings(
        @Nullable String url, @DefaultValue("bulwark:") String keyPrefix) {}

package dev.bulwark.protection;

import dev.bulwark.common.RedisSettings;
import dev.bulwark.web.ClientAddresses;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProtectionProperties.class)
class ProtectionConfiguration {

    @Bean
    RateLimits rateLimits(
            ProtectionProperties properties,
            ClientAddresses clients,
            ObjectProvider<RedisConnectionFactory> redis,
            RedisSettings settings,
            MeterRegistry meters) {
        return new RateLimits(properties, clients, sharedBuckets(redis.getIfAvailable()), settings.keyPrefix(), meters);
    }

    /**
     * Bucket4j's Lettuce proxy manager on the Redis Spring Boot configured. It connects on first use (the service
     * starts even while Redis is down) and retries at most every few seconds after a failed connect.
     */
    private static Supplier<@Nullable ProxyManager<byte[]>> sharedBuckets(@Nullable RedisConnectionFactory factory) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            return () -> null;
        }
        return new Supplier<>() {
            private volatile @Nullable ProxyManager<byte[]> manager;
            private volatile long nextAttempt;

            @Override
            public @Nullable ProxyManager<byte[]> get() {
                ProxyManager<byte[]> current = manager;
                if (current != null || System.currentTimeMillis() < nextAttempt) {
                    return current;
                }
                synchronized (this) {
                    if (manager == null && System.currentTimeMillis() >= nextAttempt) {
                        try {
                            RedisClient client = (RedisClient) lettuce.getRequiredNativeClient();
                            StatefulRedisConnection<byte[], byte[]> connection =
                                    client.connect(ByteArrayCodec.INSTANCE);
                            manager = Bucket4jLettuce.casBasedBuilder(connection)
                                    .expirationAfterWrite(
                                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                                    Duration.ofSeconds(10)))
                                    .build();
                        } catch (RuntimeException redisDown) {
                            nextAttempt = System.currentTimeMillis() + 5_000;
                        }
                    }
                    return manager;
                }
            }
        };
    }
}

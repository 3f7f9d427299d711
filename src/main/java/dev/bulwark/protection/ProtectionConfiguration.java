package dev.bulwark.protection;

import dev.bulwark.common.RedisSettings;
import dev.bulwark.common.Refreshing;
import dev.bulwark.web.ClientAddresses;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
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
            MeterRegistry meters,
            Clock clock) {
        return new RateLimits(
                properties, clients, sharedBuckets(redis.getIfAvailable(), clock), settings.keyPrefix(), meters, clock);
    }

    /**
     * Connects the shared buckets once the service is ready, off the start-up path. Connected by the first request
     * instead, every request of a burst that came first waited for the connect: 200 sign-ins sent together to a
     * service that had served nothing yet spent about 1-2 s of their answer time there (HashingFloodTests).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> connectSharedBucketsWhenReady(RateLimits limits) {
        return ready -> Thread.ofVirtual().name("rate-limits-connect").start(limits::connectShared);
    }

    /**
     * The shared buckets, through Bucket4j's Lettuce proxy manager on the Redis Spring Boot configured. It connects on
     * first use (the service starts even while Redis is down) and retries at most every 5 s after a failed connect;
     * meanwhile (null) each instance uses its own buckets.
     */
    private static Supplier<@Nullable SharedBuckets> sharedBuckets(
            @Nullable RedisConnectionFactory factory, Clock clock) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            return () -> null;
        }
        Refreshing<SharedBuckets> buckets = Refreshing.lazy(
                () -> new SharedBuckets(connect((RedisClient) lettuce.getRequiredNativeClient()), clock),
                Duration.ofSeconds(5),
                clock);
        return () -> {
            try {
                return buckets.get();
            } catch (RuntimeException redisDown) {
                return null;
            }
        };
    }

    static ProxyManager<byte[]> connect(RedisClient client) {
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }
}

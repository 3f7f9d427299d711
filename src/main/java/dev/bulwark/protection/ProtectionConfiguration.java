package dev.bulwark.protection;

import dev.bulwark.common.RedisSettings;
import dev.bulwark.web.ClientAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProtectionProperties.class)
class ProtectionConfiguration {

    /** Buckets in Redis when it is configured (the template connects on first use), else this instance's. */
    @Bean
    RateLimits rateLimits(
            ProtectionProperties properties,
            ClientAddresses clients,
            ObjectProvider<StringRedisTemplate> redis,
            RedisSettings settings,
            MeterRegistry meters,
            Clock clock) {
        StringRedisTemplate template = redis.getIfAvailable();
        return new RateLimits(
                properties,
                clients,
                template == null ? null : new RedisBucketStore(template),
                settings.keyPrefix(),
                meters,
                clock);
    }
}

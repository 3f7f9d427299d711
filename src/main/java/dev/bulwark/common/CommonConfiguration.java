package dev.bulwark.common;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RedisSettings.class, HashingProperties.class})
class CommonConfiguration {

    /** UTC everywhere; tests replace it to move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    HashingPool hashingPool(HashingProperties properties, MeterRegistry meters) {
        HashingPool pool = new HashingPool(properties);
        Gauge.builder("bulwark.hashing.waiting", pool, HashingPool::waiting)
                .description("Password hashes waiting for a slot")
                .register(meters);
        return pool;
    }

    @Bean
    RefreshExecutor refreshExecutor() {
        return new RefreshExecutor();
    }
}

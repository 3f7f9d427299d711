package dev.bulwark.common;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
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
    HashingPool hashingPool(
            HashingProperties properties, ObjectProvider<HashingPool.Footprint> footprint, MeterRegistry meters) {
        HashingPool pool = new HashingPool(properties, footprint.getIfAvailable(() -> new HashingPool.Footprint(0)));
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

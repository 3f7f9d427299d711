package dev.bulwark.account;

import dev.bulwark.common.HashingPool;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccountProperties.class, BootstrapAdmin.Settings.class})
class AccountConfiguration {

    /** What one Argon2id hash holds while it runs: the pool sizes its concurrency by it. */
    @Bean
    HashingPool.Footprint passwordHashFootprint(AccountProperties properties) {
        return new HashingPool.Footprint(properties.passwordHash().memoryKib() * 1024L);
    }
}

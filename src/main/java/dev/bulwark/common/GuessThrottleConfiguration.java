package dev.bulwark.common;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** One {@link GuessThrottle} for every password check: sign-in (auth) and the current password (account). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThrottleRules.class)
class GuessThrottleConfiguration {

    @Bean
    GuessThrottle guessThrottle(
            ThrottleRules rules, ObjectProvider<StringRedisTemplate> redis, RedisSettings redisSettings, Clock clock) {
        return GuessThrottle.of(rules, redis.getIfAvailable(), redisSettings.keyPrefix(), clock);
    }
}

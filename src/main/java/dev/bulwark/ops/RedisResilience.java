package dev.bulwark.ops;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service behaves while Redis is away: commands fail at once instead of queueing (so revocation checks answer
 * 503 and rate limits fall back immediately), and reconnect attempts never back off beyond 2 seconds (Lettuce's
 * default grows to 30 s, which would delay recovery long after Redis is back).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ClientOptions.class)
class RedisResilience {

    @Bean
    ClientResourcesBuilderCustomizer boundedReconnectDelay() {
        return resources -> resources.reconnectDelay(Delay.exponential(
                Duration.ofMillis(100), Duration.ofSeconds(2), 2, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectWhileDisconnected() {
        return options ->
                options.autoReconnect(true).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}

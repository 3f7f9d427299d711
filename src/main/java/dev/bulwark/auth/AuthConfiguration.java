package dev.bulwark.auth;

import dev.bulwark.common.RedisSettings;
import dev.bulwark.web.PublicRoutes;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    PublicRoutes authRoutes() {
        return PublicRoutes.of(AuthController.LOGIN, AuthController.REFRESH, JwksController.PATH);
    }

    /** Shared through Redis when it is configured, otherwise kept in this instance. */
    @Bean
    RevocationList revocationList(
            ObjectProvider<StringRedisTemplate> redis,
            RedisSettings settings,
            AuthProperties properties,
            AuthSessionRepository sessions,
            Clock clock) {
        RevocationSource source = RevocationSource.of(sessions, properties, clock);
        StringRedisTemplate template = redis.getIfAvailable();
        if (template == null) {
            return new InProcessRevocationList(clock, source);
        }
        if (properties.revocationFailOpen()) {
            log.atWarn()
                    .addKeyValue("event", "config.weakened")
                    .log("bulwark.auth.revocation-fail-open=true: while Redis is down, revoked tokens keep working");
        }
        return new RedisRevocationList(template, settings.keyPrefix(), properties.revocationFailOpen(), clock, source);
    }

    @Bean
    SessionCleanup sessionCleanup(SessionService sessions, RevocationList revocations, Clock clock) {
        return new SessionCleanup(sessions, revocations, clock);
    }

    /** Ended sessions are kept a day (for support questions), then deleted with their refresh tokens. */
    record SessionCleanup(SessionService sessions, RevocationList revocations, Clock clock) {
        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
        void run() {
            int deleted = sessions.deleteEndedBefore(clock.instant().minus(Duration.ofDays(1)));
            if (revocations instanceof InProcessRevocationList inProcess) {
                inProcess.purgeExpired();
            }
            log.atInfo()
                    .addKeyValue("event", "sessions.cleanup")
                    .addKeyValue("deleted", deleted)
                    .log("Ended sessions deleted");
        }
    }
}

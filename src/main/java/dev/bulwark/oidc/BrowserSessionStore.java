package dev.bulwark.oidc;

import dev.bulwark.common.RedisSettings;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where browser sessions live: Redis when it is configured (shared by every instance, expiring by itself), else the
 * database (local mode; expired rows are swept every minute). Spring Session's filter serves only the browser-sign-in
 * and API paths and touches the store only when a request asks for its session: bearer-token requests never do.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSessionStore {

    @Bean
    SparseTouchSessions<?> browserSessionRepository(
            ObjectProvider<RedisConnectionFactory> redis,
            RedisSettings redisSettings,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            OidcProperties properties) {
        RedisConnectionFactory factory = redis.getIfAvailable();
        if (factory != null) {
            RedisTemplate<String, Object> template = new RedisTemplate<>();
            template.setConnectionFactory(factory);
            template.setKeySerializer(RedisSerializer.string());
            template.setHashKeySerializer(RedisSerializer.string());
            template.afterPropertiesSet();
            RedisSessionRepository repository = new RedisSessionRepository(template);
            repository.setRedisKeyNamespace(redisSettings.keyPrefix() + "browser-session");
            repository.setDefaultMaxInactiveInterval(properties.session().idleTimeout());
            return new SparseTouchSessions<>(repository);
        }
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(jdbc, transaction);
        repository.setDefaultMaxInactiveInterval(properties.session().idleTimeout());
        return new SparseTouchSessions<>(repository);
    }

    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> browserSessionFilter(
            SparseTouchSessions<?> browserSessionRepository, OidcProperties properties) {
        SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(browserSessionRepository);
        CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
        resolver.setCookieSerializer(cookies(properties.session()));
        filter.setHttpSessionIdResolver(resolver);
        FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        registration.setUrlPatterns(List.of("/auth/web/*", "/api/*"));
        return registration;
    }

    /** {@code __Host-}: Secure, Path=/, no Domain, so no other host (a subdomain) can set or overwrite it. */
    private static DefaultCookieSerializer cookies(OidcProperties.Session session) {
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName(session.cookieName());
        cookies.setUseSecureCookie(session.secureCookie());
        cookies.setUseHttpOnlyCookie(true);
        cookies.setCookiePath("/");
        cookies.setSameSite(session.sameSite());
        return cookies;
    }

    /** Redis expires sessions itself; the database's expired rows go every minute. */
    @Bean
    ExpiredSessionSweep expiredSessionSweep(SparseTouchSessions<?> browserSessionRepository) {
        return new ExpiredSessionSweep(browserSessionRepository.delegate());
    }

    static final class ExpiredSessionSweep {

        private final SessionRepository<?> repository;

        ExpiredSessionSweep(SessionRepository<?> repository) {
            this.repository = repository;
        }

        @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
        void sweep() {
            if (repository instanceof JdbcIndexedSessionRepository jdbc) {
                jdbc.cleanUpExpiredSessions();
            }
        }
    }
}

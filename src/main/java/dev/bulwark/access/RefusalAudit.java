package dev.bulwark.access;

import dev.bulwark.audit.AuditableEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records a refused privilege escalation once the request is over. The refused change's transaction rolls back with
 * the 403, so an audit row written inside it would vanish; a nested transaction needed a second database connection
 * while the first still held the admin-change lock, so ten refused admin requests at once exhausted the pool and
 * lost their records. At the end of the request the change's connection and lock are long given back.
 */
@Configuration(proxyBeanMethods = false)
class RefusalAudit implements WebMvcConfigurer, HandlerInterceptor {

    private static final String REFUSED = RefusalAudit.class.getName() + ".refused";

    private final ApplicationEventPublisher events;

    RefusalAudit(ApplicationEventPublisher events) {
        this.events = events;
    }

    void escalationRefused(Set<String> missing) {
        AuditableEvent refused =
                AuditableEvent.of("access.escalation_refused", null, "missing=" + String.join(",", missing));
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            events.publishEvent(refused); // not in a request: nothing to wait for
        } else {
            request.setAttribute(REFUSED, refused, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (request.getAttribute(REFUSED) instanceof AuditableEvent refused) {
            events.publishEvent(refused);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }
}

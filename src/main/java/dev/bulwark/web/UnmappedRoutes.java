package dev.bulwark.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The rule for paths outside {@code /api/**} that no module declared public: a path no controller serves may pass (so
 * it answers a plain 404 rather than 401), while a controller mapped there without a declared rule is denied. Deny by
 * default holds; a forgotten rule fails closed.
 */
final class UnmappedRoutes implements AuthorizationManager<RequestAuthorizationContext> {

    private static final AuthorizationDecision ALLOW = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENY = new AuthorizationDecision(false);

    private final RequestMappingHandlerMapping controllers;

    UnmappedRoutes(RequestMappingHandlerMapping controllers) {
        this.controllers = controllers;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        return servedByController(context.getRequest()) ? DENY : ALLOW;
    }

    private boolean servedByController(HttpServletRequest request) {
        try {
            return controllers.getHandler(request) != null;
        } catch (Exception mappedButNotForThisRequest) {
            return true; // e.g. the path exists for another method: fail closed
        }
    }
}

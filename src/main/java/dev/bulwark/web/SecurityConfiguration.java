package dev.bulwark.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Two filter chains: one for the API documentation (which needs a looser Content-Security-Policy to render) and one
 * for everything else. Neither creates a session (the API chain reads a browser session when the oidc module has
 * signed one in), and both send the same security headers on every response, errors included.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String[] DOCS = {
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/v3/api-docs",
        "/v3/api-docs.yaml",
        "/v3/api-docs/**",
        "/redoc.html",
        "/webjars/**"
    };

    /**
     * Spring Security makes no observations of its own: no filter of the chain is wrapped, and authentication and
     * authorization are not timed. HTTP server metrics and spans stay (Boot's observation filter), and so do our own
     * security events. Switching them off with {@code management.observations.enable.spring.security=false} alone
     * still wrapped each of the chain's filters in a no-op observation: about 10 % of a request's CPU (JFR,
     * docs/performance.md).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring's strict firewall with a faster, equivalent header-value check ({@link HeaderChecks}). */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderChecks.firewall();
    }

    /** Bearer tokens read like Spring reads them, without its regular expression ({@link HeaderChecks}). */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        return new HeaderChecks.BearerTokens();
    }

    @Bean
    @Order(1)
    SecurityFilterChain docsChain(HttpSecurity http, WebFilters filters, Environment environment) throws Exception {
        http.securityMatcher(DOCS)
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
        if (!environment.getProperty("springdoc.api-docs.enabled", Boolean.class, true)) {
            // Opt-in in production: springdoc then serves nothing, and ReDoc's static page must not either.
            http.addFilterBefore(
                    (request, response, chain) -> filters.writer()
                            .reject(
                                    (HttpServletRequest) request,
                                    (HttpServletResponse) response,
                                    StandardProblem.NOT_FOUND,
                                    "No resource exists at this path."),
                    AuthorizationFilter.class);
        }
        return common(http, filters, SecurityHeaders.DOCS).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(
            HttpSecurity http,
            WebFilters filters,
            List<PublicRoutes> publicRoutes,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping controllers,
            ObjectProvider<JwtDecoder> jwtDecoder,
            List<AbstractHttpConfigurer<?, HttpSecurity>> extensions)
            throws Exception {
        String[] open = publicRoutes.stream()
                .flatMap(routes -> routes.patterns().stream())
                .toArray(String[]::new);
        http.authorizeHttpRequests(rules -> {
            // An error or async dispatch continues a request that was already authorized.
            rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll();
            if (open.length > 0) {
                rules.requestMatchers(open).permitAll();
            }
            rules.requestMatchers("/api/**", "/auth/**").authenticated();
            rules.anyRequest().access(new UnmappedRoutes(controllers));
        });
        if (jwtDecoder.getIfAvailable() != null) {
            // Bearer tokens from the Authorization header only (never a query parameter or a form field).
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(unauthenticated(filters))
                    .accessDeniedHandler(forbidden(filters)));
        }
        common(http, filters, SecurityHeaders.API);
        // Spring Security's own extension point: a module's configurer bean (the oidc module's browser sessions).
        for (AbstractHttpConfigurer<?, HttpSecurity> extension : extensions) {
            http.with(extension, Customizer.withDefaults());
        }
        return http.build();
    }

    private static AuthenticationEntryPoint unauthenticated(WebFilters filters) {
        return (request, response, e) -> {
            if (e instanceof OAuth2AuthenticationException) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                filters.writer()
                        .reject(
                                request,
                                response,
                                StandardProblem.INVALID_TOKEN,
                                "The access token is invalid, expired or revoked.");
            } else {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                filters.writer()
                        .reject(
                                request,
                                response,
                                StandardProblem.UNAUTHENTICATED,
                                "A valid access token is required for this resource.");
            }
        };
    }

    private static AccessDeniedHandler forbidden(WebFilters filters) {
        return (request, response, e) -> {
            if (e instanceof CsrfException) {
                filters.writer()
                        .reject(request, response, StandardProblem.CSRF_FAILED, StandardProblem.CSRF_FAILED.detail);
            } else {
                filters.writer()
                        .reject(
                                request,
                                response,
                                StandardProblem.FORBIDDEN,
                                "You do not have permission for this resource.");
            }
        };
    }

    private static HttpSecurity common(HttpSecurity http, WebFilters filters, SecurityHeaders securityHeaders)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable) // cookie-authenticated routes switch it on (oidc)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> {})
                .headers(headers -> headers.defaultsDisabled().addHeaderWriter(securityHeaders))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated(filters))
                        .accessDeniedHandler(forbidden(filters)))
                .addFilterAt(filters.cors(), CorsFilter.class)
                .addFilterAfter(filters.hygiene(), CorsFilter.class)
                .addFilterAfter(filters.bodyLimit(), RequestHygieneFilter.class)
                .addFilterAfter(filters.guards(), BodySizeLimitFilter.class);
    }
}

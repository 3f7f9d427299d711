package dev.bulwark.web;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Two filter chains: one for the API documentation (which needs a looser Content-Security-Policy to render) and one
 * for everything else. Both are stateless and send the same security headers on every response, errors included.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String[] DOCS = {
        "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/redoc.html", "/webjars/**"
    };

    @Bean
    @Order(1)
    SecurityFilterChain docsChain(HttpSecurity http, WebFilters filters) throws Exception {
        http.securityMatcher(DOCS)
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
        return common(http, filters, SecurityHeaders.DOCS_CSP).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(
            HttpSecurity http,
            WebFilters filters,
            List<PublicRoutes> publicRoutes,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping controllers)
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
            rules.requestMatchers("/api/**").authenticated();
            rules.anyRequest().access(new UnmappedRoutes(controllers));
        });
        return common(http, filters, SecurityHeaders.API_CSP).build();
    }

    private static HttpSecurity common(HttpSecurity http, WebFilters filters, String csp) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable) // no cookie-authenticated routes on these chains
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> {})
                .headers(headers -> securityHeaders(headers, csp))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            filters.writer()
                                    .reject(
                                            request,
                                            response,
                                            StandardProblem.UNAUTHENTICATED,
                                            "A valid access token is required for this resource.");
                        })
                        .accessDeniedHandler((request, response, e) -> filters.writer()
                                .reject(
                                        request,
                                        response,
                                        StandardProblem.FORBIDDEN,
                                        "You do not have permission for this resource.")))
                .addFilterAt(filters.cors(), CorsFilter.class)
                .addFilterAfter(filters.hygiene(), HeaderWriterFilter.class)
                .addFilterAfter(filters.bodyLimit(), RequestHygieneFilter.class);
    }

    private static void securityHeaders(HeadersConfigurer<HttpSecurity> headers, String csp) {
        headers.contentSecurityPolicy(policy -> policy.policyDirectives(csp))
                .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(permissions -> permissions.policy(SecurityHeaders.PERMISSIONS_POLICY))
                .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                .crossOriginResourcePolicy(corp -> corp.policy(CrossOriginResourcePolicy.SAME_ORIGIN))
                .cacheControl(cache -> cache.disable())
                .addHeaderWriter((request, response) -> {
                    // Responses may carry personal data or tokens: never cached unless a controller says otherwise.
                    if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                    }
                });
    }
}

package dev.bulwark.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP settings ({@code bulwark.web.*}). Defaults are the safe ones; docs/configuration.md describes each property.
 *
 * @param maxBodySize largest request body accepted, with or without Content-Length
 * @param routeBodyLimits per-route overrides of {@code maxBodySize}, keyed by path pattern ({@code /api/v1/files/**})
 * @param allowedHosts host names the service answers to; any other Host header gets 400 (empty: no check, refused in
 *     production)
 * @param problemBaseUri prefix of every problem {@code type} URI; the catalogue is docs/problems.md
 * @param cors cross-origin settings; no origin is allowed unless listed
 * @param trustedProxies CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed (empty: none)
 * @param ipv6PrefixLength IPv6 clients are counted per network of this many bits by per-client limits (IPv4 per
 *     address)
 */
@Validated
@ConfigurationProperties("bulwark.web")
public record WebProperties(
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        Map<String, DataSize> routeBodyLimits,
        List<String> allowedHosts,

        @DefaultValue("https://bulwark.dev/problems/") @NotNull
        URI problemBaseUri,

        @DefaultValue @Valid Cors cors,
        List<String> trustedProxies,
        @DefaultValue("64") @Min(32) @Max(128) int ipv6PrefixLength) {

    public WebProperties {
        // kept in configuration order: the first matching pattern wins, the same on every instance
        routeBodyLimits =
                routeBodyLimits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(routeBodyLimits));
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /**
     * @param allowedOrigins exact origins ({@code https://app.example.com}); {@code *} allows any and is refused in
     *     production together with credentials
     * @param allowCredentials whether browsers may send cookies and Authorization cross-origin
     */
    public record Cors(
            List<String> allowedOrigins,

            @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"})
            List<String> allowedMethods,

            @DefaultValue({"Authorization", "Content-Type", "X-Request-ID"})
            List<String> allowedHeaders,

            @DefaultValue({"X-Request-ID", "Location", "Retry-After"})
            List<String> exposedHeaders,

            @DefaultValue("false") boolean allowCredentials,
            @DefaultValue("1h") Duration maxAge) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }

        public boolean allowsAnyOrigin() {
            return allowedOrigins.contains("*");
        }
    }
}

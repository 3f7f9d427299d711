package dev.bulwark.ops;

import dev.bulwark.auth.AuthSettings;
import dev.bulwark.oidc.OidcSettings;
import dev.bulwark.protection.ProtectionSettings;
import dev.bulwark.web.WebProperties;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/** The settings production refuses, each as a sentence that says what to change. */
final class UnsafeSettings {

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|secret|token|api-?key|private-?key|credentials)$");

    // Values seen in templates and tutorials; a deployment that still has one was never configured.
    private static final Set<String> PLACEHOLDERS = Set.of(
            "changeme",
            "change-me",
            "change_me",
            "changethis",
            "change-this",
            "change_this",
            "replaceme",
            "replace-me",
            "secret",
            "password",
            "default",
            "example",
            "todo",
            "xxx",
            "admin");

    // datasource-micrometer (JDBC spans): parameter values as span attributes, and query logs, which print them.
    private static final List<String> SQL_VALUE_CAPTURE = List.of(
            "jdbc.datasource-proxy.include-parameter-values",
            "jdbc.datasource-proxy.query.enable-logging",
            "jdbc.datasource-proxy.slow-query.enable-logging");

    private UnsafeSettings() {}

    static List<String> in(ConfigurableEnvironment environment, WebProperties web) {
        List<String> problems = new ArrayList<>();
        if (environment.getProperty("spring.datasource.url", "").isBlank()) {
            problems.add(
                    "spring.datasource.url (SPRING_DATASOURCE_URL) is not set: production needs a PostgreSQL database.");
        }
        if (web.allowedHosts().isEmpty()) {
            problems.add(
                    "bulwark.web.allowed-hosts (BULWARK_WEB_ALLOWEDHOSTS) is empty: list the host names clients use.");
        }
        if (web.cors().allowsAnyOrigin() && web.cors().allowCredentials()) {
            problems.add(
                    "bulwark.web.cors allows any origin ('*') together with credentials: list the allowed origins.");
        }
        if (!AuthSettings.hasSigningKey(environment)) {
            problems.add(AuthSettings.missingSigningKey());
        }
        for (String name : placeholderSecrets(environment)) {
            problems.add(name + " holds a placeholder value: set a real secret.");
        }
        problems.addAll(weakenedProtections(environment, web));
        problems.addAll(OidcSettings.problemsIn(environment));
        return problems;
    }

    /**
     * Settings production starts with but warns about at start: refusing them would be wrong. Rate limits off is how
     * the benchmarks (bench/) measure what the limits cost on an otherwise production-configured instance.
     */
    static List<String> warnings(ConfigurableEnvironment environment) {
        if (ProtectionSettings.rateLimitsDisabled(environment)) {
            return List.of(ProtectionSettings.rateLimitsDisabledWarning());
        }
        return List.of();
    }

    /** Switches that each take away one defence while the service still looks healthy. */
    private static List<String> weakenedProtections(ConfigurableEnvironment environment, WebProperties web) {
        List<String> problems = new ArrayList<>();
        if (AuthSettings.revocationFailsOpen(environment)) {
            problems.add(AuthSettings.revocationFailOpenProblem());
        }
        if (web.trustedProxies().stream().anyMatch(cidr -> cidr.strip().endsWith("/0"))) {
            problems.add("bulwark.web.trusted-proxies contains a /0 range (0.0.0.0/0 or ::/0): list only your"
                    + " proxies' addresses, or every client chooses its own address.");
        }
        String strategy = environment.getProperty("server.forward-headers-strategy", "none");
        if (!"none".equalsIgnoreCase(strategy.strip())) {
            problems.add("server.forward-headers-strategy is '" + strategy + "': set it to none; Bulwark reads"
                    + " X-Forwarded-For itself, from bulwark.web.trusted-proxies only.");
        }
        for (String name : SQL_VALUE_CAPTURE) {
            if (environment.getProperty(name, Boolean.class, false)) {
                problems.add(name + " is true: SQL parameter values (emails, password hashes, token hashes) would go"
                        + " into spans or logs; leave it false.");
            }
        }
        for (String name : List.of("bulwark.redis.url", "spring.data.redis.url")) {
            if (PLACEHOLDERS.contains(urlPassword(environment.getProperty(name, "")))) {
                problems.add(name + " holds a placeholder password: set a real Redis password.");
            }
        }
        return problems;
    }

    /** The password of a {@code redis://user:password@host} URL, lower-case; empty when there is none. */
    private static String urlPassword(String url) {
        try {
            String userInfo = URI.create(url.strip()).getRawUserInfo();
            if (userInfo == null) {
                return "";
            }
            String password = userInfo.substring(userInfo.indexOf(':') + 1); // redis://:password@ or password@
            return URLDecoder.decode(password, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException unparseable) {
            return ""; // Lettuce refuses it at start with its own message
        }
    }

    private static Set<String> placeholderSecrets(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (SECRET_NAME.matcher(name).matches()
                            && environment.getProperty(name) instanceof String value
                            && PLACEHOLDERS.contains(value.trim().toLowerCase(Locale.ROOT))) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}

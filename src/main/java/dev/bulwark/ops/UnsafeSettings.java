package dev.bulwark.ops;

import dev.bulwark.auth.AuthSettings;
import dev.bulwark.web.WebProperties;
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
        return problems;
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

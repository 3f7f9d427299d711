package dev.bulwark.ops;

import dev.bulwark.common.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings Spring AOT's bean definitions were decided with: the active profiles and, for each setting the
 * conditions read while Spring AOT processed the application, how it read. A value is kept only as a digest (the jar
 * holds no setting's value); a location (a URL, a file) only as "set", since conditions test those for presence and a
 * deployment's differ from the build's; the two ports only as whether the management server has its own.
 * {@link BuildSettingsGuard} compares the build's with the start's.
 */
record BuildSettings(String profiles, SortedMap<String, String> states) {

    /** Where the build's record is, in the jar. */
    static final String RESOURCE = "META-INF/bulwark/build-settings.properties";

    private static final String PROFILES = "active-profiles";
    private static final Set<String> PORTS = Set.of("server.port", "management.server.port");
    private static final Pattern LOCATION = Pattern.compile("^(/|[a-zA-Z][a-zA-Z0-9+.-]*:).*");

    /** How {@code names} read in {@code environment} now. */
    static BuildSettings of(ConfigurableEnvironment environment, Collection<String> names) {
        SortedMap<String, String> states = new TreeMap<>();
        for (String name : names) {
            states.put(name, stateOf(environment, name));
        }
        return new BuildSettings(String.join(",", environment.getActiveProfiles()), states);
    }

    /** What differs in {@code now} from this record, as setting names (never values). */
    List<String> changedIn(BuildSettings now) {
        List<String> changed = new ArrayList<>();
        if (!profiles.equals(now.profiles)) {
            changed.add("the active profiles (spring.profiles.active)");
        }
        states.forEach((name, state) -> {
            if (!state.equals(now.states.get(name))) {
                changed.add(name);
            }
        });
        return changed;
    }

    String write() {
        Properties properties = new Properties();
        properties.setProperty(PROFILES, profiles);
        properties.putAll(states);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            properties.store(bytes, null); // ASCII: anything else as backslash-u escapes, as read(InputStream) reads it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Without the date Properties.store writes, and sorted: the same build gives the same file.
        return bytes.toString(StandardCharsets.ISO_8859_1)
                .lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static BuildSettings read(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return from(properties);
    }

    private static BuildSettings from(Properties properties) {
        SortedMap<String, String> states = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            states.put((String) entry.getKey(), (String) entry.getValue());
        }
        String profiles = states.remove(PROFILES);
        return new BuildSettings(profiles == null ? "" : profiles, states);
    }

    private static String stateOf(ConfigurableEnvironment environment, String name) {
        if (PORTS.contains(name)) {
            // The one condition that compares two settings: whether the management server has a port of its own.
            return "management port " + ManagementPortType.get(environment);
        }
        String value = value(environment, name);
        if (value == null) {
            return hasDescendants(environment, name) ? "nested" : "absent";
        }
        return LOCATION.matcher(value).matches() ? "set" : "value " + Sha256.hex(value);
    }

    private static @Nullable String value(ConfigurableEnvironment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return "unresolvable";
        }
    }

    /** Map-valued settings (say, a list of registrations) are read by their prefix and set below it. */
    private static boolean hasDescendants(ConfigurableEnvironment environment, String name) {
        if (!ConfigurationPropertyName.isValid(name)) {
            return false;
        }
        ConfigurationPropertyName prefix = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(prefix) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }
}

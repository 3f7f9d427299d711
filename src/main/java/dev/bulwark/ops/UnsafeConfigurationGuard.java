package dev.bulwark.ops;

import dev.bulwark.account.BootstrapAdminSettings;
import dev.bulwark.web.WebProperties;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Production is the default mode, and in it the service refuses to start on unsafe settings, naming every problem at
 * once. The {@code local} profile (what {@code ./bulwark run} selects) starts anyway, with the problems in a loud
 * banner. Settings no mode can start with (a bootstrap admin password the policy refuses) are refused in both. Runs
 * once the configuration is complete and before any bean (so no database is touched yet); every refusal goes through
 * {@link UnsafeConfigurationFailureAnalyzer}.
 */
class UnsafeConfigurationGuard implements ApplicationListener<ApplicationPreparedEvent> {

    static final String LOCAL_PROFILE = "local";

    private static final Logger log = LoggerFactory.getLogger(UnsafeConfigurationGuard.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        List<String> unsafe = UnsafeSettings.in(environment, webProperties(environment));
        // Refused in every mode: the start could not create the admin anyway.
        List<String> unusable = BootstrapAdminSettings.problemsIn(environment);
        boolean production = !environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE));
        if (!production) {
            log.warn(LocalModeBanner.render(unsafe));
        }
        for (String warning : UnsafeSettings.warnings(environment)) {
            log.atWarn().addKeyValue("event", "unsafe.setting").log("UNSAFE SETTING: {}", warning);
        }
        List<String> refused = Stream.concat(production ? unsafe.stream() : Stream.empty(), unusable.stream())
                .toList();
        if (!refused.isEmpty()) {
            throw new UnsafeConfigurationException(refused, production);
        }
    }

    private static WebProperties webProperties(ConfigurableEnvironment environment) {
        return Binder.get(environment).bindOrCreate("bulwark.web", WebProperties.class);
    }
}

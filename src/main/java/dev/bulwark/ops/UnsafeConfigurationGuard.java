package dev.bulwark.ops;

import dev.bulwark.web.WebProperties;
import java.util.List;
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
 * banner. Runs once the configuration is complete and before any bean (so no database is touched yet).
 */
class UnsafeConfigurationGuard implements ApplicationListener<ApplicationPreparedEvent> {

    static final String LOCAL_PROFILE = "local";

    private static final Logger log = LoggerFactory.getLogger(UnsafeConfigurationGuard.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        List<String> problems = UnsafeSettings.in(environment, webProperties(environment));
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            log.warn(LocalModeBanner.render(problems));
        } else if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(problems);
        }
    }

    private static WebProperties webProperties(ConfigurableEnvironment environment) {
        return Binder.get(environment).bindOrCreate("bulwark.web", WebProperties.class);
    }
}

package dev.bulwark.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Redis is used only when configured ({@code bulwark.redis.url}, or Spring's own {@code spring.data.redis.url} or
 * {@code .host}). Otherwise its auto-configuration is switched off, so nothing tries localhost:6379 and readiness does
 * not wait for a Redis that was never meant to exist; shared state then lives in-process.
 */
class RedisActivation implements EnvironmentPostProcessor {

    static final String SOURCE = "bulwarkRedisActivation";

    private static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = new HashMap<>();
        String url = environment.getProperty("bulwark.redis.url");
        if (url != null && !url.isBlank()) {
            settings.put("spring.data.redis.url", url);
        }
        boolean configured = !settings.isEmpty()
                || environment.containsProperty("spring.data.redis.url")
                || environment.containsProperty("spring.data.redis.host");
        settings.put(
                "management.endpoint.health.group.readiness.include",
                configured ? "readinessState,db,redis" : "readinessState,db");
        if (!configured) {
            List<String> exclusions = new ArrayList<>(Binder.get(environment)
                    .bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
                    .orElse(List.of()));
            exclusions.addAll(REDIS_AUTO_CONFIGURATIONS);
            settings.put("spring.autoconfigure.exclude", String.join(",", exclusions));
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settings));
    }
}

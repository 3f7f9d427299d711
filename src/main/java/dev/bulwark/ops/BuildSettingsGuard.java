package dev.bulwark.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Spring AOT (what the image starts with, docs/performance.md#start-up) decides at build time which beans exist: the
 * conditions of every configuration are evaluated once, with the build's settings, and at run time a setting that
 * would have changed them is ignored without a word (started without Redis, an image processed with Redis would
 * still send rate limits to a Redis nobody configured). This guard closes that gap without a list of settings to
 * keep up to date: while Spring AOT processes the application it records every setting the conditions read
 * ({@link BuildSettingsAotProcessor} writes them into the build), and a start from Spring AOT's code compares each of
 * them, and the active profiles, with the build's, refusing to start if any differs. Without Spring AOT it does
 * nothing.
 */
class BuildSettingsGuard implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The property source that records what is read while it is in the environment; it answers nothing. */
    static final String RECORDER = "bulwarkBuildSettingsRecorder";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            context.addBeanFactoryPostProcessor(new StartRecording(context.getEnvironment()));
        } else if (AotDetector.useGeneratedArtifacts()) {
            check(context.getEnvironment(), recorded(context.getClassLoader()));
        }
    }

    static void check(ConfigurableEnvironment environment, @Nullable BuildSettings build) {
        if (build == null) {
            throw new BuildSettingsChanged(List.of("(this build has Spring AOT's code but no record of its settings)"));
        }
        List<String> changed =
                build.changedIn(BuildSettings.of(environment, build.states().keySet()));
        if (!changed.isEmpty()) {
            throw new BuildSettingsChanged(changed);
        }
    }

    private static @Nullable BuildSettings recorded(@Nullable ClassLoader loader) {
        ClassLoader classes = loader != null ? loader : BuildSettingsGuard.class.getClassLoader();
        try (InputStream in = classes.getResourceAsStream(BuildSettings.RESOURCE)) {
            return in == null ? null : BuildSettings.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs first of the bean factory post-processors, before the configuration classes are parsed and their
     * conditions evaluated; what ran before (the environment's own set-up, this service's start-up checks) reads
     * settings that Spring AOT does not fix, and is not recorded.
     */
    private record StartRecording(ConfigurableEnvironment environment) implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            environment.getPropertySources().addFirst(new Recorder());
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
    }

    /** Every name looked up while it is first in the environment; it holds no value, so lookups go on past it. */
    static final class Recorder extends PropertySource<Set<String>> {

        Recorder() {
            super(RECORDER, ConcurrentHashMap.newKeySet());
        }

        @Override
        public @Nullable Object getProperty(String name) {
            getSource().add(name);
            return null;
        }
    }
}

package dev.bulwark.ops;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * At the end of Spring AOT's processing, when the bean definitions are final: stops {@link BuildSettingsGuard}'s
 * recording and writes how each recorded setting read into the build ({@link BuildSettings#RESOURCE}). Registered in
 * {@code META-INF/spring/aot.factories}, so it is no bean.
 */
class BuildSettingsAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.getParentBeanFactory() != null) {
            return null; // a child context (the management server's): its reads went to the same recorder
        }
        ConfigurableEnvironment environment = beanFactory.getBean(ConfigurableEnvironment.class);
        PropertySource<?> recorder = environment.getPropertySources().remove(BuildSettingsGuard.RECORDER);
        if (!(recorder instanceof BuildSettingsGuard.Recorder names)) {
            return null; // not Bulwark's own processing (BuildSettingsGuard did not run)
        }
        String record = BuildSettings.of(environment, names.getSource()).write();
        return (generation, code) -> generation.getGeneratedFiles().addResourceFile(BuildSettings.RESOURCE, record);
    }
}

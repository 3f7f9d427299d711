package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Secrets as files: application.yaml imports the folder {@code BULWARK_SECRETS_DIR} (default
 * {@code /run/secrets/bulwark/}) as a config tree, where each file is one setting named after it. Loaded here through
 * the service's own application.yaml, with nothing started.
 */
class SecretFilesTests {

    @Test
    void eachFileInTheSecretsFolderIsTheSettingItIsNamedAfter(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("spring.datasource.password"), "db pass from a file\n");
        Files.writeString(secrets.resolve("bulwark.bootstrap.admin.password"), "a root passphrase from a file\n");
        Files.writeString(secrets.resolve("bulwark.oidc.providers.corp.client-secret"), "oidc-secret");

        {
            Environment environment = load("--BULWARK_SECRETS_DIR=" + secrets + "/");
            assertThat(environment.getProperty("spring.datasource.password"))
                    .as("the trailing newline an editor or echo leaves is dropped")
                    .isEqualTo("db pass from a file");
            assertThat(environment.getProperty("bulwark.bootstrap.admin.password"))
                    .isEqualTo("a root passphrase from a file");
            assertThat(environment.getProperty("bulwark.oidc.providers.corp.client-secret"))
                    .isEqualTo("oidc-secret");
        }
    }

    @Test
    void anEnvironmentVariableOrArgumentStillWinsOverAFile(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("spring.datasource.password"), "from the file");

        Environment environment =
                load("--BULWARK_SECRETS_DIR=" + secrets + "/", "--spring.datasource.password=from the argument");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("from the argument");
    }

    @Test
    void noSecretsFolderIsNoSetting(@TempDir Path empty) {
        Environment environment = load("--BULWARK_SECRETS_DIR=" + empty.resolve("absent") + "/");
        assertThat(environment.getProperty("spring.datasource.password")).isNull();
        assertThat(environment.getProperty("spring.flyway.locations"))
                .as("application.yaml itself was read")
                .isEqualTo("classpath:db/migration");
    }

    /** The environment as Spring Boot's config data processing builds it from application.yaml and the arguments. */
    private static Environment load(String... arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return environment;
    }
}

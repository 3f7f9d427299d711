package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./bulwark dev settings}: what {@code ./bulwark run --dev} hands the service. */
@Tag("slow")
class DevSettingsTests {

    @TempDir
    Path folder;

    DevProject project;

    @BeforeEach
    void project() {
        project = new DevProject(folder);
    }

    @AfterEach
    void stop() {
        project.stopQuietly();
    }

    @Test
    void settingsConfigureWhatProductionRequiresAndShowTheAdminPasswordOnce() throws Exception {
        assertThat(project.start().exitCode()).isZero();

        DevProject.Run first = project.run("dev", "settings");

        assertThat(first.exitCode()).as(first.err()).isZero();
        String adminPassword = project.secret(Secrets.ADMIN);
        assertThat(adminPassword).hasSize(24);
        assertThat(first.out())
                .contains("Admin:       admin@localhost, password in data/dev/secrets/admin.password")
                .contains("password: " + adminPassword);
        Path file = project.dev().resolve("service.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            settings.load(reader);
        }
        Path secrets = project.dev().resolve("secrets");
        assertThat(settings)
                .containsEntry(
                        "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + project.postgresPort + "/bulwark")
                .containsEntry("spring.datasource.username", "bulwark")
                .containsEntry("spring.datasource.password", project.secret(Secrets.POSTGRES))
                .containsEntry(
                        "bulwark.redis.url",
                        "redis://:" + project.secret(Secrets.REDIS) + "@127.0.0.1:" + project.redisPort)
                .containsEntry("bulwark.redis.key-prefix", "bulwark-dev:")
                .containsEntry("bulwark.web.allowed-hosts", "localhost,127.0.0.1,[::1]")
                .containsEntry("bulwark.auth.signing-keys", "file:" + secrets.resolve(Secrets.SIGNING_KEY))
                .containsEntry("bulwark.bootstrap.admin.email", "admin@localhost")
                .containsEntry(
                        "bulwark.bootstrap.admin.password-file",
                        secrets.resolve(Secrets.ADMIN).toString())
                .doesNotContainKey("spring.profiles.active");
        assertThat(rsaKeyBits(project.secret(Secrets.SIGNING_KEY))).isEqualTo(2048);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(Secrets.SIGNING_KEY))))
                .isEqualTo("rw-------");

        String key = project.secret(Secrets.SIGNING_KEY);
        DevProject.Run second = project.run("dev", "settings");

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).doesNotContain(adminPassword).contains("password in data/dev/secrets/admin.password");
        assertThat(project.secret(Secrets.ADMIN)).isEqualTo(adminPassword);
        assertThat(project.secret(Secrets.SIGNING_KEY)).isEqualTo(key);
    }

    @Test
    void settingsStartTheServicesWhenTheyAreNotRunningOnTheirLastPorts() {
        assertThat(project.start().exitCode()).isZero();
        assertThat(project.run("dev", "stop").exitCode()).isZero();

        DevProject.Run settings = project.run("dev", "settings");

        assertThat(settings.exitCode()).as(settings.err()).isZero();
        assertThat(settings.out())
                .contains("==> starting PostgreSQL", "on 127.0.0.1:" + project.postgresPort)
                .contains("==> starting Redis", "on 127.0.0.1:" + project.redisPort);
        assertThat(project.run("dev", "status").exitCode()).isZero();
    }

    private static int rsaKeyBits(String pem) throws Exception {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return key.getModulus().bitLength();
    }
}

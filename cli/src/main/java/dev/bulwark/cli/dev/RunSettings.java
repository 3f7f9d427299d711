package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings {@code ./bulwark run --dev} starts the service with: production mode (no profile), so everything
 * production refuses (docs/configuration.md, "What production refuses") is configured for real, nothing switched off:
 * the dev PostgreSQL as the application's own role, the dev Redis with its password and a key prefix, the local host
 * names, a signing key and a bootstrap admin whose password is made once and kept in a file. Written to {@code
 * data/dev/service.properties} (0600: it holds passwords), which the launcher passes to the service as an additional
 * configuration location.
 */
final class RunSettings {

    static final String FILE = "service.properties";
    static final String ADMIN_EMAIL = "admin@localhost";
    static final String ALLOWED_HOSTS = "localhost,127.0.0.1,[::1]";

    private RunSettings() {}

    /** What the settings name, for the report. */
    record Written(Path file, Secrets.Secret admin, Secrets.Secret signingKey) {}

    /** @param more further settings (the dev IdP's, when it runs) */
    static Written write(DevFolder folder, DevState state, String keyPrefix, Map<String, String> more) {
        Secrets secrets = folder.secrets();
        Secrets.Secret signingKey = secrets.get(Secrets.SIGNING_KEY, RunSettings::newSigningKey);
        Secrets.Secret admin = secrets.password(Secrets.ADMIN);
        String redisPassword = secrets.password(Secrets.REDIS).value();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", state.postgres().url());
        settings.put("spring.datasource.username", state.postgres().user());
        settings.put(
                "spring.datasource.password", secrets.password(Secrets.POSTGRES).value());
        settings.put(
                "bulwark.redis.url",
                "redis://:" + redisPassword + "@" + Ports.HOST + ":"
                        + state.redis().port());
        settings.put("bulwark.redis.key-prefix", keyPrefix);
        settings.put("bulwark.web.allowed-hosts", ALLOWED_HOSTS);
        settings.put("bulwark.auth.signing-keys", "file:" + signingKey.file());
        settings.put("bulwark.bootstrap.admin.email", ADMIN_EMAIL);
        settings.put("bulwark.bootstrap.admin.password-file", admin.file().toString());
        settings.putAll(more);
        StringBuilder text = new StringBuilder("""
                # Written by ./bulwark run --dev (./bulwark dev settings) at each run: production settings, no profile,
                # against the dev services of ./data/dev. Holds passwords: readable by its owner only.
                """);
        settings.forEach((name, value) ->
                text.append(name).append('=').append(escaped(value)).append('\n'));
        Path file = folder.root().resolve(FILE);
        Secrets.writePrivate(file, text.toString());
        return new Written(file, admin, signingKey);
    }

    /** An RSA key as the service takes it (PKCS#8 PEM, 2048 bits as local mode makes them). */
    static String newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----";
        } catch (GeneralSecurityException e) {
            throw new CliError("cannot generate an RSA key: " + e.getMessage(), e);
        }
    }

    /** A .properties value: backslashes escaped, nothing else in ours needs it. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\");
    }
}

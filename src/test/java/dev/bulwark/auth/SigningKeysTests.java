package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTests {

    private static AuthProperties properties(List<String> keys, String localKeyFile) {
        return new AuthProperties(
                "bulwark",
                "bulwark-api",
                Duration.ofMinutes(10),
                Duration.ofDays(14),
                Duration.ofDays(30),
                Duration.ofSeconds(30),
                keys,
                localKeyFile,
                false,
                50,
                Duration.ofSeconds(10));
    }

    @Test
    void localModeGeneratesAKeyOnceKeepsItPrivateAndReusesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/signing-key.pem");
        SigningKeys first = SigningKeys.from(properties(List.of(), file.toString()));
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        SigningKeys again = SigningKeys.from(properties(List.of(), file.toString()));
        assertThat(again.signing().getKeyID()).isEqualTo(first.signing().getKeyID());
        assertThat(first.signing().size()).isEqualTo(2048);
    }

    @Test
    void configuredKeysWinAndTheFirstSigns() {
        SigningKeys keys = SigningKeys.from(properties(
                List.of("classpath:keys/test-signing-2.pem", "classpath:keys/test-signing-1.pem"), "unused.pem"));
        assertThat(keys.publicKeys().getKeys()).hasSize(2);
        assertThat(keys.signing().getKeyID())
                .isEqualTo(keys.publicKeys().getKeys().getFirst().getKeyID());
        assertThat(keys.publicKeys().getKeys())
                .allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void noKeyAtAllOrANonKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> SigningKeys.from(properties(List.of(), null)))
                .hasMessageContaining("bulwark.auth.signing-keys");
        assertThatThrownBy(() -> SigningKeys.from(properties(
                        List.of("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"), null)))
                .hasMessageContaining("not an RSA private key")
                .hasMessageNotContaining("bm90IGEga2V5");
        assertThatThrownBy(() -> SigningKeys.from(properties(List.of("TUlJRXZRSUJBREFOQmdrcWhraUc5dzBC"), null)))
                .hasMessageNotContaining("TUlJRXZRSUJBREFOQmdrcWhraUc5dzBC");
    }
}

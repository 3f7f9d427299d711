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

    /** Owner-only from creation: the key is written into a file no one else could open, then moved into place. */
    @Test
    void theLocalKeyFileIsOwnerOnlyBeforeAnyKeyByteIsWritten(@TempDir Path dir) throws Exception {
        Path fresh = SigningKeys.ownerOnlyFileIn(dir);
        assertThat(Files.size(fresh)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rw-------");
        Path file = dir.resolve("signing-key.pem");
        SigningKeys.writeOwnerOnly(file, "-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no temporary file left beside the key")
                    .containsExactlyInAnyOrder(fresh.getFileName().toString(), "signing-key.pem");
        }
    }

    @Test
    void cursorKeysAreHkdfOutputsOnePerSigningKeyAndSurviveARotation() throws Exception {
        // RFC 5869 test case 3 (SHA-256, no salt, no info): the first 32 bytes of its OKM
        byte[] ikm = new byte[22];
        java.util.Arrays.fill(ikm, (byte) 0x0b);
        assertThat(java.util.HexFormat.of().formatHex(CursorKeys.hkdf(ikm, new byte[0])))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
        SigningKeys before = SigningKeys.from(properties(List.of("classpath:keys/test-signing-1.pem"), "unused.pem"));
        SigningKeys after = SigningKeys.from(properties(
                List.of("classpath:keys/test-signing-2.pem", "classpath:keys/test-signing-1.pem"), "unused.pem"));
        byte[] old = CursorKeys.derivedFrom(before).bytes();
        assertThat(CursorKeys.derivedFrom(after).accepted()).hasSize(2).last().isEqualTo(old);
        assertThat(CursorKeys.derivedFrom(after).bytes()).isNotEqualTo(old);
        byte[] privateBytes = before.signing().toRSAPrivateKey().getEncoded();
        assertThat(old).isNotEqualTo(sha256(privateBytes)).hasSize(32);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A secret file (a config-tree entry) holds a whole rotation: every PEM block is a key, the first signs. */
    @Test
    void oneValueHoldingSeveralPemBlocksIsARotation(@TempDir Path dir) throws Exception {
        String second = new String(
                getClass().getResourceAsStream("/keys/test-signing-2.pem").readAllBytes());
        String first = new String(
                getClass().getResourceAsStream("/keys/test-signing-1.pem").readAllBytes());
        Path file = dir.resolve("bulwark.auth.signing-keys");
        Files.writeString(file, second + "\n" + first);

        SigningKeys fromFile = SigningKeys.from(properties(List.of("file:" + file), "unused.pem"));
        SigningKeys asText = SigningKeys.from(properties(List.of(second + first), "unused.pem"));
        SigningKeys separate = SigningKeys.from(properties(
                List.of("classpath:keys/test-signing-2.pem", "classpath:keys/test-signing-1.pem"), "unused.pem"));

        assertThat(fromFile.all()).hasSize(2);
        assertThat(fromFile.all()).isEqualTo(separate.all());
        assertThat(asText.all()).isEqualTo(separate.all());
        assertThat(fromFile.signing().getKeyID()).isEqualTo(separate.signing().getKeyID());
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

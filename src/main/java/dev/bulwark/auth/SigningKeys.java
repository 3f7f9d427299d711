package dev.bulwark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The RSA keys tokens are signed with. The first configured key signs; every configured key verifies, so a token
 * signed by the previous key stays valid after a rotation until it expires. Key ids are RFC 7638 thumbprints.
 */
final class SigningKeys {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN PRIVATE KEY-----.*?-----END PRIVATE KEY-----", Pattern.DOTALL);

    private final List<RSAKey> keys;

    private SigningKeys(List<RSAKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException(
                    "No signing key: set bulwark.auth.signing-keys (an RSA private key in PEM)");
        }
        this.keys = List.copyOf(keys);
    }

    static SigningKeys from(AuthProperties properties) {
        if (properties.signingKeys().isEmpty() && properties.localKeyFile() != null) {
            return new SigningKeys(List.of(parse(localKey(Path.of(properties.localKeyFile())))));
        }
        return new SigningKeys(properties.signingKeys().stream()
                .map(SigningKeys::pemOf)
                .flatMap(SigningKeys::blocks)
                .map(SigningKeys::parse)
                .toList());
    }

    RSAKey signing() {
        return keys.getFirst();
    }

    /** Every configured key, the signing one first. */
    List<RSAKey> all() {
        return keys;
    }

    /** Public halves only: what the JWKS endpoint publishes and the decoder trusts. */
    JWKSet publicKeys() {
        return new JWKSet(keys.stream()
                .map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK())
                .toList());
    }

    private static String pemOf(String value) {
        if (value.strip().startsWith("-----BEGIN")) {
            return value;
        }
        try {
            return new DefaultResourceLoader().getResource(value).getContentAsString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // the value is not echoed: it may be key material that lacks its PEM header
            throw new UncheckedIOException("Cannot read a signing key given in bulwark.auth.signing-keys", e);
        }
    }

    /**
     * The PEM blocks of one value, in order: a mounted secret file (or a config-tree entry) holds every key of a
     * rotation, the signing one first.
     */
    private static Stream<String> blocks(String pem) {
        List<String> blocks =
                PEM_BLOCK.matcher(pem).results().map(MatchResult::group).toList();
        return blocks.isEmpty() ? Stream.of(pem) : blocks.stream();
    }

    static RSAKey parse(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            if (publicKey.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("Signing keys must have at least 2048 bits");
            }
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw new IllegalStateException("A signing key is not an RSA private key in PKCS#8 PEM form", e);
        }
    }

    /** Local mode only: a key generated on first start and kept beside the local database under ./data. */
    private static String localKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = toPem(generator.generateKeyPair().getPrivate().getEncoded());
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeOwnerOnly(file, pem);
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local signing key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The file is created with owner-only permissions (0600) and only then written: written first and chmod-ed
     * after, it was readable by others (umask 022) between the two calls. A temporary file in the same folder,
     * created 0600, is moved into place atomically, so a crash never leaves a half-written key under the name.
     */
    static void writeOwnerOnly(Path file, String pem) throws IOException {
        Path temporary = ownerOnlyFileIn(file.toAbsolutePath().getParent());
        try {
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** An empty file that only its owner can read or write from the moment it exists. */
    static Path ownerOnlyFileIn(Path folder) throws IOException {
        try {
            return Files.createTempFile(folder, ".signing-key", ".tmp", OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(folder, ".signing-key", ".tmp"); // Windows: the folder's ACL applies
        }
    }

    static String toPem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}

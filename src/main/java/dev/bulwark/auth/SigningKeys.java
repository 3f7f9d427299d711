package dev.bulwark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
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
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The keys tokens are signed with: RSA (RS256, at least 2048 bits) or EC P-256 (ES256) private keys in PKCS#8 PEM; a
 * key's type decides its JWS algorithm. The first configured key signs; every configured key verifies, so a token
 * signed by the previous key stays valid after a rotation (RS256 to ES256 included) until it expires. Key ids are RFC
 * 7638 thumbprints.
 */
final class SigningKeys {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN PRIVATE KEY-----.*?-----END PRIVATE KEY-----", Pattern.DOTALL);

    private final List<JWK> keys;

    private SigningKeys(List<JWK> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException(
                    "No signing key: set bulwark.auth.signing-keys (an RSA or EC P-256 private key in PEM)");
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

    JWK signing() {
        return keys.getFirst();
    }

    /** The JWS algorithm of the signing key. */
    JWSAlgorithm algorithm() {
        return algorithmOf(signing());
    }

    static JWSAlgorithm algorithmOf(JWK key) {
        return key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    }

    /** Every configured key, the signing one first. */
    List<JWK> all() {
        return keys;
    }

    /** A key's private half, PKCS#8-encoded: the input of the keys derived from it ({@link CursorKeys}). */
    static byte[] privateBytes(JWK key) {
        try {
            return ((AsymmetricJWK) key).toPrivateKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Public halves only: what the JWKS endpoint publishes and the decoder trusts. */
    JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(JWK::toPublicJWK).toList());
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

    static JWK parse(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec encoded;
        try {
            encoded = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw notAKey(e);
        }
        try {
            return rsa(encoded);
        } catch (InvalidKeySpecException notRsa) {
            try {
                return ec(encoded);
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
                throw notAKey(e);
            }
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw notAKey(e);
        }
    }

    private static IllegalStateException notAKey(Exception cause) {
        return new IllegalStateException(
                "A signing key is not an RSA or EC P-256 private key in PKCS#8 PEM form", cause);
    }

    private static RSAKey rsa(PKCS8EncodedKeySpec encoded) throws GeneralSecurityException, JOSEException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(encoded);
        RSAPublicKey publicKey = (RSAPublicKey)
                factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        if (publicKey.getModulus().bitLength() < 2048) {
            throw new IllegalStateException("RSA signing keys must have at least 2048 bits");
        }
        return new RSAKey.Builder(publicKey)
                .privateKey(privateKey)
                .keyIDFromThumbprint()
                .build();
    }

    /** PKCS#8 need not carry the public point: it is computed from the private scalar (Q = dG). */
    private static ECKey ec(PKCS8EncodedKeySpec encoded) throws GeneralSecurityException, JOSEException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(encoded);
        if (!Curve.P_256.equals(Curve.forECParameterSpec(privateKey.getParams()))) {
            throw new IllegalStateException("EC signing keys must be on the P-256 curve (ES256)");
        }
        org.bouncycastle.math.ec.ECPoint q = ECNamedCurveTable.getParameterSpec("secp256r1")
                .getG()
                .multiply(privateKey.getS())
                .normalize();
        ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(
                new ECPoint(
                        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                privateKey.getParams()));
        return new ECKey.Builder(Curve.P_256, publicKey)
                .privateKey(privateKey)
                .keyIDFromThumbprint()
                .build();
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

package dev.bulwark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.web.CursorKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Pagination cursor keys, one per configured signing key, derived with HKDF-SHA256 (RFC 5869) under a fixed label:
 * a key for another purpose is its own pseudo-random output, not a plain hash of the private key (which any other
 * place hashing the same bytes would reproduce). The signing key's cursor key signs; all of them are accepted.
 */
final class CursorKeys {

    /** The HKDF info label; a new label is a new set of keys, so it names the purpose and a version. */
    static final byte[] INFO = "bulwark pagination cursors v2".getBytes(StandardCharsets.US_ASCII);

    private CursorKeys() {}

    static CursorKey derivedFrom(SigningKeys keys) {
        List<byte[]> derived = keys.all().stream().map(CursorKeys::derive).toList();
        return new CursorKey() {
            @Override
            public byte[] bytes() {
                return derived.getFirst().clone();
            }

            @Override
            public List<byte[]> accepted() {
                return derived.stream().map(byte[]::clone).toList();
            }
        };
    }

    static byte[] derive(RSAKey key) {
        return derive(key, INFO);
    }

    /**
     * A 32-byte key for one purpose ({@code info}, naming it and a version) from a signing key's private bytes: the
     * one key derivation of this module (cursor keys, the sign-in throttle's HMAC key).
     */
    static byte[] derive(RSAKey key, byte[] info) {
        try {
            return hkdf(key.toRSAPrivateKey().getEncoded(), info);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HKDF-SHA256 extract-and-expand to 32 bytes, with no salt (RFC 5869 2.2: a string of zeros). */
    static byte[] hkdf(byte[] secret, byte[] info) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(secret, null, info));
        byte[] out = new byte[32];
        generator.generateBytes(out, 0, out.length);
        return out;
    }
}

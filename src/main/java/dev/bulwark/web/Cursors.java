package dev.bulwark.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Signs and checks {@link Keyset} cursors. A cursor is the last row's position (base64url) and an HMAC-SHA256 over
 * that position and the fingerprint of the query it belongs to. The fingerprint is not in the cursor: a tampered
 * cursor and one made for other filters fail the same check, and both are refused with 400 {@code invalid-cursor}.
 */
@Component
class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final List<SecretKeySpec> accepted;

    Cursors(ObjectProvider<CursorKey> key) {
        CursorKey configured = key.getIfAvailable();
        List<byte[]> keys = configured != null ? configured.accepted() : List.of(randomKey());
        this.accepted =
                keys.stream().map(k -> new SecretKeySpec(k, "HmacSHA256")).toList();
        this.key = accepted.getFirst();
    }

    String sign(String position, String fingerprint) {
        byte[] body = position.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(key, body, fingerprint));
    }

    /** The position signed into {@code cursor} for this fingerprint; 400 problem for anything else. */
    String verify(String cursor, String fingerprint) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || cursor.length() > 1000) {
            throw new InvalidCursor();
        }
        try {
            byte[] body = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            // any configured key: a cursor signed before a key rotation stays valid while its key is configured
            if (accepted.stream().noneMatch(k -> MessageDigest.isEqual(signature, mac(k, body, fingerprint)))) {
                throw new InvalidCursor();
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidCursor();
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] body, String fingerprint) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // length-prefixed, so no (position, fingerprint) pair can be shifted into another
            mac.update(ByteBuffer.allocate(4).putInt(body.length).array());
            mac.update(body);
            return mac.doFinal(fingerprint.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    static final class InvalidCursor extends ApiProblem {
        InvalidCursor() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid-cursor",
                    "Invalid cursor",
                    "The cursor is not valid for this query. Start again without 'after'.");
        }
    }
}

package dev.bulwark.web;

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
 * Opaque, signed keyset cursors. A cursor holds the last row's sort key and a fingerprint of the query it belongs to,
 * signed with HMAC-SHA256: a tampered cursor, or one from another query, is refused with 400 {@code invalid-cursor}.
 */
@Component
public class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    Cursors(ObjectProvider<CursorKey> key) {
        CursorKey configured = key.getIfAvailable();
        byte[] bytes = configured != null ? configured.bytes() : randomKey();
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** @param query every filter of the request, so the cursor cannot be replayed against other filters */
    public String encode(String query, List<String> position) {
        String payload = String.join("\n", position) + "\n" + query;
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
    }

    public List<String> decode(String cursor, String query, int positionSize) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || cursor.length() > 1000) {
            throw new InvalidCursor();
        }
        try {
            byte[] body = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(body))) {
                throw new InvalidCursor();
            }
            List<String> parts = List.of(new String(body, StandardCharsets.UTF_8).split("\n", -1));
            if (parts.size() != positionSize + 1 || !parts.getLast().equals(query)) {
                throw new InvalidCursor();
            }
            return parts.subList(0, positionSize);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidCursor();
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
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

package dev.bulwark.auth;

import dev.bulwark.common.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Refresh token values: 256 random bits, base64url. Stored only as their SHA-256. */
final class RefreshTokenValues {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private RefreshTokenValues() {}

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Anything that cannot be one of ours is refused before it reaches the database. */
    static boolean looksValid(String value) {
        return SHAPE.matcher(value).matches();
    }

    /** Tokens are ASCII (base64url), so their UTF-8 bytes are the ASCII ones they were always hashed from. */
    static String hash(String value) {
        return Sha256.hex(value);
    }
}

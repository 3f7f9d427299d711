package dev.bulwark.common;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** UUIDv7 (RFC 9562): time-ordered, so new rows land at the end of indexes instead of at random places. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID next(Clock clock) {
        long millis = clock.millis();
        long randomA = RANDOM.nextInt(1 << 12);
        long randomB = RANDOM.nextLong();
        long high = (millis << 16) | (0x7L << 12) | randomA; // 48-bit time, version 7, 12 random bits
        long low = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // variant 10, 62 random bits
        return new UUID(high, low);
    }
}

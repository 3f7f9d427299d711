package dev.bulwark.account;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How an email address is compared and stored: stripped and lower-cased ({@link Locale#ROOT}), so the unique index
 * on {@code account.email} compares addresses case-insensitively. Lower-casing can lengthen an address ("İ", U+0130,
 * becomes "i" and a combining dot), so request records normalise in their constructor and Bean Validation checks
 * length ({@link #MAX_LENGTH}) and syntax on the normalised value: an address of 254 characters that grew to 318 was
 * answered 409 email-taken by admin create and 202 "the account now exists" by registration, and could never sign in.
 */
public final class EmailAddress {

    /** The {@code account.email} column; RFC 5321 allows no longer path. */
    public static final int MAX_LENGTH = 254;

    private EmailAddress() {}

    /** Null stays null, so {@code @NotBlank} reports a missing address. */
    public static @Nullable String normalizeOrNull(@Nullable String raw) {
        return raw == null ? null : normalize(raw);
    }

    public static String normalize(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }
}

package dev.bulwark.web;

import org.jspecify.annotations.Nullable;

/**
 * Checks a raw query string before anything parses it. Tomcat silently drops parameters it cannot decode, so a
 * request with a broken escape would run with fewer parameters than the client sent; a NUL character would reach
 * PostgreSQL, which rejects {@code \u0000} in text (a 500 on many services).
 */
final class QueryStrings {

    private QueryStrings() {}

    /** Why the query string is refused, or null when it is acceptable (or absent). */
    static @Nullable String problemWith(@Nullable String query) {
        if (query == null) {
            return null;
        }
        boolean atNameStart = true;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\0') {
                return "Query parameters must not contain NUL characters.";
            }
            if (c == '%') {
                if (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2))) {
                    return "The query string contains a malformed percent-escape.";
                }
                if (query.charAt(i + 1) == '0' && query.charAt(i + 2) == '0') {
                    return "Query parameters must not contain NUL characters.";
                }
            }
            if (atNameStart && c == '=') {
                return "Query parameters must have a name.";
            }
            atNameStart = c == '&';
        }
        return null;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

package dev.bulwark.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paginated list, the response of every list endpoint: {@code next} is the opaque cursor for the
 * following page, or null at the end. {@link Keyset} makes it.
 */
public record Page<T>(
        List<T> items,

        @Schema(
                types = {"string", "null"},
                description = "Cursor for the next page (pass as after); null on the last page")
        @Nullable
        String next) {

    /**
     * The page from {@code rows} fetched with {@code limit + 1}: the extra row only tells that more exist, and the
     * cursor is made from the last row shown.
     */
    static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.getLast()));
    }
}

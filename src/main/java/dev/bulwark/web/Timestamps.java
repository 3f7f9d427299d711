package dev.bulwark.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Instants from query parameters, checked before they reach SQL: an ISO-8601 or epoch value far outside what a
 * database column holds would otherwise surface as a 500.
 */
public final class Timestamps {

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Timestamps() {}

    public static @Nullable Instant inRange(@Nullable Instant value, String field) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new OutOfRange(field);
        }
        return value;
    }

    static final class OutOfRange extends ApiProblem {
        private final String field;

        OutOfRange(String field) {
            super(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", "One or more fields are invalid.");
            this.field = field;
        }

        @Override
        public Map<String, Object> extensions() {
            return Map.of("errors", List.of(Map.of("field", field, "message", "must be between 1970 and 9999")));
        }
    }
}

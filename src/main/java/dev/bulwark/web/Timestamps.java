package dev.bulwark.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Instants and dates from requests, checked before they reach SQL: an ISO-8601 or epoch value far outside what a
 * database column holds would otherwise surface as a 500. Query parameters of the core go through {@link #inRange};
 * fields and parameters of generated capabilities carry {@link InRange}.
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

    /**
     * A date or instant between 0001-01-01 and 9999-12-31 (UTC): what PostgreSQL's {@code date} and
     * {@code timestamptz} columns, and every client, can hold. Null is valid (say {@code @NotNull} when it is not).
     */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {InstantInRange.class, DateInRange.class})
    public @interface InRange {
        String message() default "must be between 0001-01-01 and 9999-12-31";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    public static final class InstantInRange implements ConstraintValidator<InRange, Instant> {
        @Override
        public boolean isValid(@Nullable Instant value, ConstraintValidatorContext context) {
            return value == null
                    || !value.isBefore(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant())
                            && value.isBefore(LAST_DAY.plusDays(1)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant());
        }
    }

    public static final class DateInRange implements ConstraintValidator<InRange, LocalDate> {
        @Override
        public boolean isValid(@Nullable LocalDate value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(FIRST_DAY) && !value.isAfter(LAST_DAY);
        }
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

package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Dates and instants from request bodies stay within what PostgreSQL's columns and every client hold (0001 to 9999):
 * Jackson reads years up to 999,999,999, and the database would refuse them with a 500.
 */
class TimestampsTests {

    private final Timestamps.DateInRange dates = new Timestamps.DateInRange();
    private final Timestamps.InstantInRange instants = new Timestamps.InstantInRange();

    @Test
    void datesFromTheFirstToTheLastDayOfTheRangeAreAccepted() {
        assertThat(dates.isValid(null, null)).isTrue();
        assertThat(dates.isValid(LocalDate.of(1, 1, 1), null)).isTrue();
        assertThat(dates.isValid(LocalDate.of(9999, 12, 31), null)).isTrue();
        assertThat(dates.isValid(LocalDate.of(10000, 1, 1), null)).isFalse();
        assertThat(dates.isValid(LocalDate.of(0, 12, 31), null)).isFalse();
    }

    @Test
    void instantsWithinTheSameDaysAreAcceptedAndNoOthers() {
        assertThat(instants.isValid(null, null)).isTrue();
        assertThat(instants.isValid(Instant.parse("0001-01-01T00:00:00Z"), null))
                .isTrue();
        assertThat(instants.isValid(Instant.parse("9999-12-31T23:59:59.999999Z"), null))
                .isTrue();
        assertThat(instants.isValid(Instant.parse("+10000-01-01T00:00:00Z"), null))
                .isFalse();
        assertThat(instants.isValid(Instant.parse("0000-12-31T23:59:59Z"), null))
                .isFalse();
    }
}

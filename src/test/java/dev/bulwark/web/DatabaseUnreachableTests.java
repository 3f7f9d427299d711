package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** Which database failures become 503 service-unavailable (the rest are 500 and logged). */
class DatabaseUnreachableTests {

    @Test
    void aServerShuttingDownUnderAnOpenSessionIsUnreachable() {
        // What a sign-in got when PostgreSQL was stopped (pg_ctl stop -m fast): it used to answer 500.
        var adminShutdown = new TransactionSystemException(
                "Could not roll back JDBC transaction",
                new SQLException("terminating connection due to administrator command", "57P01"));
        assertThat(ProblemCauses.databaseUnreachable(adminShutdown)).isTrue();
        assertThat(ProblemCauses.databaseUnreachable(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(ProblemCauses.databaseUnreachable(new SQLException("connection refused", "08001")))
                .isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(ProblemCauses.databaseUnreachable(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(ProblemCauses.databaseUnreachable(new SQLException("query canceled", "57014")))
                .isFalse();
        assertThat(ProblemCauses.databaseUnreachable(new SQLException("no state")))
                .isFalse();
    }
}

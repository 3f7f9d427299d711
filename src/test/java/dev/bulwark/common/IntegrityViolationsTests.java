package dev.bulwark.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;

/** Which constraint refused a write: by name for the module that owns it, by kind for a delete still referred to. */
class IntegrityViolationsTests {

    /** As the driver reports it: PostgreSQL's error fields (severity, SQLSTATE, message, constraint). */
    private static DataIntegrityViolationException violation(String sqlState, String constraint) {
        PSQLException sql =
                new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0Mrefused\0n" + constraint + "\0"));
        return new DataIntegrityViolationException("could not execute statement", sql);
    }

    @Test
    void aForeignKeyViolationIsToldApartFromAUniqueOneWhateverItsName() {
        assertThat(IntegrityViolations.isForeignKeyViolation(violation("23503", "invoice_customer_fk")))
                .isTrue();
        assertThat(IntegrityViolations.isForeignKeyViolation(violation("23505", "customer_email_key")))
                .isFalse();
        assertThat(IntegrityViolations.isForeignKeyViolation(new DataIntegrityViolationException("no cause")))
                .isFalse();
    }

    @Test
    void aConstraintIsRecognisedByItsName() {
        assertThat(IntegrityViolations.isViolationOf(violation("23505", "customer_email_key"), "customer_email_key"))
                .isTrue();
        assertThat(IntegrityViolations.isViolationOf(violation("23505", "customer_email_key"), "role_pkey"))
                .isFalse();
        assertThat(IntegrityViolations.isViolationOf(new DataIntegrityViolationException("no cause"), "role_pkey"))
                .isFalse();
    }
}

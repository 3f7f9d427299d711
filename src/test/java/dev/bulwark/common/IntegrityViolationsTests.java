package dev.bulwark.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** Which constraint refused a write: by name for the module that owns it, by kind for a delete still referred to. */
class IntegrityViolationsTests {

    private static DataIntegrityViolationException violation(String sqlState, String constraint) {
        SQLException sql = new SQLException("refused", sqlState);
        return new DataIntegrityViolationException(
                "could not execute statement", new ConstraintViolationException("refused", sql, constraint));
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
    }
}

package dev.bulwark.common;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Which database constraint refused a write. A module maps the constraints it owns to its own problems (a unique
 * email to email-taken, a role's primary key to role-exists) and lets every other violation propagate: reading any
 * violation as "taken" answered 409 email-taken for a free address whose role had just been deleted.
 */
public final class IntegrityViolations {

    /** PostgreSQL's SQLSTATE for {@code foreign_key_violation}. */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private IntegrityViolations() {}

    /**
     * Whether {@code ex} was raised by the constraint (or unique index) of this name, as PostgreSQL names it in its
     * error report (a field of its own, kept when the driver leaves the detail out of messages).
     */
    public static boolean isViolationOf(DataIntegrityViolationException ex, String constraint) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PSQLException sql) {
                ServerErrorMessage report = sql.getServerErrorMessage();
                return report != null && constraint.equalsIgnoreCase(report.getConstraint());
            }
        }
        return false;
    }

    /**
     * Whether {@code ex} is a foreign-key violation, whichever constraint. A delete can only break one way: another
     * row still references the deleted one, so a module maps it to 409 without knowing the modules that reference it
     * (a generated capability knows nothing of those generated after it).
     */
    public static boolean isForeignKeyViolation(DataIntegrityViolationException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

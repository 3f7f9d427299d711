package dev.bulwark.common;

import org.hibernate.exception.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Which database constraint refused a write. A module maps the constraints it owns to its own problems (a unique
 * email to email-taken, a role's primary key to role-exists) and lets every other violation propagate: reading any
 * violation as "taken" answered 409 email-taken for a free address whose role had just been deleted.
 */
public final class IntegrityViolations {

    private IntegrityViolations() {}

    /** Whether {@code ex} was raised by the constraint (or unique index) of this name. */
    public static boolean isViolationOf(DataIntegrityViolationException ex, String constraint) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation) {
                return constraint.equalsIgnoreCase(violation.getConstraintName());
            }
        }
        return false;
    }
}

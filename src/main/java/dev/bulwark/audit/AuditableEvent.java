package dev.bulwark.audit;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something security-relevant happened. Any module publishes it (Spring application event); the audit module writes
 * it to the append-only audit trail with who, when, request id and client IP.
 *
 * @param action dotted verb, e.g. {@code user.roles_changed}, {@code login.failure}
 * @param actorId the account that did it, when it is not the authenticated caller (e.g. a login); null means the
 *     caller
 * @param target what it was done to (an account id, a role name); never an email or secret
 * @param details short, non-personal context, e.g. {@code roles=ADMIN,USER}
 */
public record AuditableEvent(
        String action,
        @Nullable UUID actorId,
        @Nullable String target,
        @Nullable String details) {

    public static AuditableEvent of(String action, @Nullable Object target, @Nullable String details) {
        return new AuditableEvent(action, null, target == null ? null : target.toString(), details);
    }
}

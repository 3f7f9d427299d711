/**
 * The append-only audit trail: every {@link dev.bulwark.audit.AuditableEvent} any module publishes is stored with
 * who, when, the request id and the client IP, and can be read (never changed) through {@code /api/v1/admin/audit}.
 *
 * <p>Public surface: {@link dev.bulwark.audit.AuditableEvent}, the event every module publishes.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"common", "web"})
package dev.bulwark.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

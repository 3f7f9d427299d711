/**
 * The append-only audit trail: every {@link dev.bulwark.audit.AuditableEvent} any module publishes is stored with
 * who, when, the request id and the client IP, and can be read (never changed) through {@code /api/v1/admin/audit}.
 *
 * <p>No public surface.
 */
@NullMarked
package dev.bulwark.audit;

import org.jspecify.annotations.NullMarked;

/**
 * Small helpers every module may use: time-ordered ids, the application clock, and {@link
 * dev.bulwark.common.Refreshing}, the one way to keep a value that is loaded on first use and refreshed (role
 * permissions, the revocation list's refill, the shared rate-limit buckets' connection), so no feature class holds
 * locks, volatile flags or threads of its own; its background refreshes run on the named, bounded {@link
 * dev.bulwark.common.RefreshExecutor}. Nothing here knows about HTTP, persistence or any capability.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.bulwark.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * Small shared helpers every module may use; nothing here knows about HTTP or any capability.
 *
 * <p>Public surface: {@link dev.bulwark.common.Ids} (UUIDv7 ids from the application clock),
 * {@link dev.bulwark.common.AfterCommit} (run something once the current transaction commits),
 * {@link dev.bulwark.common.RedisSettings} (the key prefix every Redis key starts with) and
 * {@link dev.bulwark.common.HashingPool} (the bounded pool every password hash runs on),
 * {@link dev.bulwark.common.IntegrityViolations} (which database constraint refused a write),
 * {@link dev.bulwark.common.Sha256} (a value kept by its digest: refresh tokens, browser fingerprints, build settings),
 * {@link dev.bulwark.common.GuessThrottle} with {@link dev.bulwark.common.ThrottleRules} (delays after failed password
 * checks, for sign-in in auth and the current password in account), and
 * {@link dev.bulwark.common.Refreshing}, the one way to keep a value that is loaded on first use and refreshed (role
 * permissions, the revocation list's refill, the shared rate-limit buckets' connection), so no feature class holds
 * locks, volatile flags or threads of its own; its background refreshes run on the named, bounded
 * {@link dev.bulwark.common.RefreshExecutor}.
 */
@NullMarked
@ApplicationModule(
        type = ApplicationModule.Type.OPEN,
        allowedDependencies = {})
package dev.bulwark.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

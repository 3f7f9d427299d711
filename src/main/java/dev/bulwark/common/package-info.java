/**
 * Small shared helpers every module may use; nothing here knows about HTTP or any capability.
 *
 * <p>Public surface: {@link dev.bulwark.common.Ids} (UUIDv7 ids from the application clock),
 * {@link dev.bulwark.common.AfterCommit} (run something once the current transaction commits),
 * {@link dev.bulwark.common.RedisSettings} (the key prefix every Redis key starts with) and
 * {@link dev.bulwark.common.HashingPool} (the bounded pool every password hash runs on).
 */
@NullMarked
@ApplicationModule(
        type = ApplicationModule.Type.OPEN,
        allowedDependencies = {})
package dev.bulwark.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * Abuse protection: rate limits per route group and client IP, a {@code RequestGuard} the web layer runs before
 * authentication. Shared through Redis when it is configured (Bucket4j's Lettuce integration, spent through leases
 * of up to 5% of a bucket: {@code SharedBuckets}), per instance otherwise.
 *
 * <p>Public surface: {@link dev.bulwark.protection.ProtectionSettings} (what the production guard asks about its
 * settings). Otherwise it plugs into the web layer as a bean.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"common", "web"})
package dev.bulwark.protection;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * Running the service: the production/local mode switch and its refusal of unsafe settings, local mode's embedded
 * PostgreSQL, Redis activation, the
 * shutdown delay, health probes, build info and the trivial {@code /api/v1/ping} endpoint load balancers
 * and benchmarks use.
 *
 * <p>No public surface for other modules: they never call it. {@link dev.bulwark.ops.HealthCheck} is public only because
 * the container image's health check runs it as a program ({@code java -cp bulwark.jar dev.bulwark.ops.HealthCheck}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"account", "auth", "common", "oidc", "protection", "web"})
package dev.bulwark.ops;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

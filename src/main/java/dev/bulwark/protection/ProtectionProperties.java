package dev.bulwark.protection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Protection settings ({@code bulwark.protection.*}); defaults in application.yaml, described in
 * docs/configuration.md.
 *
 * @param rateLimitsEnabled false turns every rate limit off (benchmarks; never in production)
 * @param rateLimits policies by name; a request is counted against every policy whose paths match it
 */
@Validated
@ConfigurationProperties("bulwark.protection")
record ProtectionProperties(
        @DefaultValue("true") boolean rateLimitsEnabled,
        Map<String, @Valid Policy> rateLimits,
        @DefaultValue @Valid Throttle loginThrottle,
        @DefaultValue @Valid Hashing hashing) {

    ProtectionProperties {
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
    }

    /**
     * @param paths path patterns counted by this policy ({@code /api/v1/auth/login})
     * @param capacity requests allowed per period and client IP
     * @param period the window the capacity refills over
     */
    record Policy(
            @NotEmpty List<String> paths,
            @NotNull @Min(1) @Max(1_000_000) Integer capacity,

            @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
            Duration period) {}

    /**
     * @param freeFailures consecutive failed sign-ins an account gets before delays start
     * @param maxDelay the longest delay (it doubles with each further failure up to this)
     */
    record Throttle(
            @DefaultValue("10") @Min(1) @Max(1000) int freeFailures,

            @DefaultValue("15m") @DurationMin(seconds = 1) @DurationMax(hours = 24)
            Duration maxDelay) {}

    /**
     * @param concurrency hashes computed at once (0: one per CPU core)
     * @param queue requests that may wait for a hashing slot; more are refused at once with 503
     * @param maxWait the longest a request waits for a slot before 503
     */
    record Hashing(
            @DefaultValue("0") @Min(0) @Max(256) int concurrency,
            @DefaultValue("8") @Min(0) @Max(10_000) int queue,

            @DefaultValue("1s") @DurationMin(millis = 10) @DurationMax(seconds = 30)
            Duration maxWait) {}
}

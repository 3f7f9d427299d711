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
record ProtectionProperties(@DefaultValue("true") boolean rateLimitsEnabled, Map<String, @Valid Policy> rateLimits) {

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
}

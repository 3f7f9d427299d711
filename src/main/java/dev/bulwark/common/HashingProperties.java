package dev.bulwark.common;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The password hashing pool ({@code bulwark.hashing.*}).
 *
 * @param concurrency hashes computed at once (0: one per CPU core)
 * @param queue work that may wait for a slot; more is refused at once with 503
 * @param maxWait the longest work waits for a slot before 503
 */
@Validated
@ConfigurationProperties("bulwark.hashing")
record HashingProperties(
        @DefaultValue("0") @Min(0) @Max(256) int concurrency,
        @DefaultValue("8") @Min(0) @Max(10_000) int queue,

        @DefaultValue("1s") @DurationMin(millis = 10) @DurationMax(seconds = 30)
        Duration maxWait) {}

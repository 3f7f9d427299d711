package dev.bulwark.auth;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in throttling per account ({@code bulwark.auth.login-throttle.*}).
 *
 * @param freeFailures consecutive failed sign-ins an account gets before delays start
 * @param maxDelay the longest delay (it doubles with each further failure up to this)
 */
@Validated
@ConfigurationProperties("bulwark.auth.login-throttle")
record LoginThrottleProperties(
        @DefaultValue("10") @Min(1) @Max(1000) int freeFailures,

        @DefaultValue("15m") @DurationMin(seconds = 1) @DurationMax(hours = 24)
        Duration maxDelay) {}

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
 * How {@link GuessThrottle} slows down password guessing ({@code bulwark.auth.login-throttle.*}; the name predates
 * the current-password check of a password change, which follows the same rules).
 *
 * @param freeFailures failed attempts one client key gets against one account before its delays start
 * @param maxDelay the longest delay for one client key (it doubles from 1 s with each further failure up to this)
 * @param accountFreeFailures failed attempts against one account, from every client together, before the account
 *     itself waits; much higher than {@code freeFailures}, so strangers elsewhere cannot make its owner wait early
 * @param accountMaxDelay the longest account-wide delay: the most a stranger can make the owner wait per attempt
 */
@Validated
@ConfigurationProperties("bulwark.auth.login-throttle")
public record ThrottleRules(
        @DefaultValue("10") @Min(1) @Max(1000) int freeFailures,

        @DefaultValue("15m") @DurationMin(seconds = 1) @DurationMax(hours = 24)
        Duration maxDelay,

        @DefaultValue("100") @Min(1) @Max(100_000) int accountFreeFailures,

        @DefaultValue("30s") @DurationMin(seconds = 1) @DurationMax(hours = 1)
        Duration accountMaxDelay) {}

package dev.bulwark.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Account settings ({@code bulwark.account.*}).
 *
 * @param passwordHash Argon2id cost; the minimums are the OWASP/ASVS floor and cannot be configured lower
 */
@Validated
@ConfigurationProperties("bulwark.account")
record AccountProperties(@DefaultValue @Valid PasswordHash passwordHash) {

    /**
     * @param memoryKib memory per hash in KiB (floor 19456 = 19 MiB)
     * @param iterations passes over memory (floor 2)
     * @param parallelism lanes (1: one hash uses one core; throughput comes from hashing several at once)
     */
    record PasswordHash(
            @DefaultValue("19456") @Min(19456) @Max(1048576) int memoryKib,
            @DefaultValue("2") @Min(2) @Max(10) int iterations,
            @DefaultValue("1") @Min(1) @Max(8) int parallelism) {}
}

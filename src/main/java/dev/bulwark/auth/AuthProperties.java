package dev.bulwark.auth;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token settings ({@code bulwark.auth.*}).
 *
 * @param issuer {@code iss} of every access token, checked on the way in
 * @param audience {@code aud} of every access token, checked on the way in
 * @param accessTokenTtl access token lifetime, 5 to 15 minutes
 * @param refreshIdleTtl a session ends when its refresh token goes unused this long
 * @param sessionMaxTtl a session ends this long after login, however active
 * @param clockSkew tolerance for {@code exp}/{@code nbf}/{@code iat} between servers
 * @param signingKeys RSA private keys, PEM text or a resource location ({@code file:/run/secrets/jwt.pem}); the first
 *     signs, all verify
 * @param localKeyFile where local mode keeps the key it generates when no signing key is configured
 * @param revocationFailOpen when Redis cannot say whether a token was revoked: false (default) answers 503, true lets
 *     the token through and logs a warning
 * @param maxSessions live sessions per account; a sign-in beyond it ends the account's oldest session
 * @param refreshReuseGrace how long after a rotation the rotated refresh token may be presented once more (a lost
 *     response, two tabs sharing the cookie) and get a new token instead of revoking the session; 0 disables
 */
@Validated
@ConfigurationProperties("bulwark.auth")
record AuthProperties(
        @DefaultValue("bulwark") @NotBlank String issuer,
        @DefaultValue("bulwark-api") @NotBlank String audience,

        @DefaultValue("10m") @DurationMin(minutes = 5) @DurationMax(minutes = 15)
        Duration accessTokenTtl,

        @DefaultValue("14d") @DurationMin(minutes = 5) Duration refreshIdleTtl,
        @DefaultValue("30d") @DurationMin(minutes = 5) Duration sessionMaxTtl,
        @DefaultValue("30s") @DurationMax(minutes = 5) Duration clockSkew,
        List<String> signingKeys,
        @Nullable String localKeyFile,
        @DefaultValue("false") boolean revocationFailOpen,
        @DefaultValue("50") @Min(1) int maxSessions,
        @DefaultValue("10s") @DurationMax(minutes = 1) Duration refreshReuseGrace) {

    AuthProperties {
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
    }
}

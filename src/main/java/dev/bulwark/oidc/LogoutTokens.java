package dev.bulwark.oidc;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * OpenID Connect Back-Channel Logout 1.0 logout tokens: signed (RS256) by the configured provider that issued them,
 * for this client, recent, carrying the back-channel logout event and a {@code sid} or {@code sub}, and no
 * {@code nonce} (so an ID token can never pass for one).
 */
final class LogoutTokens {

    /** The provider session ({@code sid}) or subject whose browser sessions end. */
    record Verified(
            String issuer,
            @Nullable String providerSid,
            @Nullable String subject) {}

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final Providers providers;
    private final ProviderHttp http;
    private final Clock clock;
    private final LoadingCache<ClientRegistration, JwtDecoder> decoders;

    LogoutTokens(Providers providers, ProviderHttp http, Clock clock) {
        this.providers = providers;
        this.http = http;
        this.clock = clock;
        // Keyed by the registration: building a decoder is quick (no I/O), and one built from an outdated discovery
        // goes with it.
        this.decoders = Caffeine.newBuilder().weakKeys().build(this::decoderFor);
    }

    Verified verify(String token) {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException malformed) {
            throw new OidcProblems.InvalidLogoutToken();
        }
        String provider =
                providers.idOfIssuer(String.valueOf(issuer)).orElseThrow(OidcProblems.InvalidLogoutToken::new);
        ClientRegistration registration = Objects.requireNonNull(providers.findByRegistrationId(provider));
        try {
            Jwt jwt = decoders.get(registration).decode(token);
            return new Verified(issuer, jwt.getClaimAsString("sid"), jwt.getSubject());
        } catch (JwtException refused) {
            throw new OidcProblems.InvalidLogoutToken();
        }
    }

    private JwtDecoder decoderFor(ClientRegistration registration) {
        NimbusJwtDecoder decoder = http.jwks(registration);
        JwtTimestampValidator times = new JwtTimestampValidator(SKEW);
        times.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                times,
                new JwtIssuerValidator(registration.getProviderDetails().getIssuerUri()),
                new JwtAudienceValidator(registration.getClientId()),
                this::isLogoutToken)));
        return decoder;
    }

    private OAuth2TokenValidatorResult isLogoutToken(Jwt jwt) {
        Map<String, Object> events = jwt.getClaimAsMap("events");
        Instant issuedAt = jwt.getIssuedAt();
        boolean valid = events != null
                && events.containsKey(EVENT)
                && (jwt.hasClaim("sid") || jwt.hasClaim(JwtClaimNames.SUB))
                && !jwt.hasClaim("nonce")
                && issuedAt != null
                && !issuedAt.isAfter(clock.instant().plus(SKEW))
                && issuedAt.isAfter(clock.instant().minus(MAX_AGE));
        return valid
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not a logout token", null));
    }
}

package dev.bulwark.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import dev.bulwark.access.RolePermissions;
import dev.bulwark.web.CursorKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Signing and validation of access tokens. Validation is strict: RS256 only (so {@code alg: none} and HMAC tokens
 * are refused), a key we published, {@code typ: at+jwt}, our issuer and audience, unexpired within a small skew,
 * {@code sub}/{@code jti}/{@code sid} present, and a session that was not revoked.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class TokenConfiguration {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    @Bean
    SigningKeys signingKeys(AuthProperties properties) {
        return SigningKeys.from(properties);
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new com.nimbusds.jose.jwk.JWKSet(keys.signing())));
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties, RevocationList revocations, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(
                        new ImmutableJWKSet<SecurityContext>(keys.publicKeys()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .jwtProcessorCustomizer(processor -> {
                    processor.setJWSTypeVerifier(
                            new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(ACCESS_TOKEN_TYPE)));
                    processor.setJWSKeySelector(VerificationKeys.of(keys.publicKeys()));
                })
                .build();
        JwtTimestampValidator times = new JwtTimestampValidator(properties.clockSkew());
        times.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTypeValidator(ACCESS_TOKEN_TYPE),
                times,
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<>(JwtClaimNames.SUB, Objects::nonNull),
                new JwtClaimValidator<>(JwtClaimNames.JTI, Objects::nonNull),
                new JwtClaimValidator<Instant>(
                        JwtClaimNames.IAT,
                        iat -> iat != null && !iat.isAfter(clock.instant().plus(properties.clockSkew()))),
                // JwtTimestampValidator lets a token without exp live forever: require it.
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<>(AccessTokens.SESSION_CLAIM, Objects::nonNull),
                new RevocationValidator(revocations))));
        return decoder;
    }

    /**
     * The {@code roles} claim becomes {@code ROLE_*} authorities plus the permissions those roles grant now (from the
     * access module's cached snapshot: no database query per request, changes apply within seconds).
     */
    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter(RolePermissions permissions) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> roles = jwt.getClaimAsStringList(AccessTokens.ROLES_CLAIM);
            if (roles == null) {
                return List.of();
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            permissions.permissionsOf(roles).forEach(p -> authorities.add(new SimpleGrantedAuthority(p)));
            return authorities;
        });
        return converter;
    }

    /**
     * Pagination cursors are signed with keys derived from the token signing keys (HKDF, {@link CursorKeys}): the
     * same on every instance, one per signing key, so cursors survive a key rotation while their key is configured.
     */
    @Bean
    CursorKey cursorKey(SigningKeys keys) {
        return CursorKeys.derivedFrom(keys);
    }
}

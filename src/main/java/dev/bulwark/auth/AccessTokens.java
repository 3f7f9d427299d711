package dev.bulwark.auth;

import dev.bulwark.account.AccountView;
import dev.bulwark.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues RFC 9068 access tokens: short-lived, signed, naming the account ({@code sub}) and session ({@code sid}). */
@Component
class AccessTokens {

    static final String SESSION_CLAIM = Caller.SESSION_CLAIM;
    static final String ROLES_CLAIM = "roles";

    record Issued(String value, String jti, Instant expiresAt, Duration ttl) {}

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, SigningKeys keys, AuthProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    Issued issue(AccountView account, UUID sessionId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        String jti = UUID.randomUUID().toString();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .type(TokenConfiguration.ACCESS_TOKEN_TYPE)
                .keyId(keys.signing().getKeyID())
                .build();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(account.id().toString())
                .id(jti)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .claim(SESSION_CLAIM, sessionId.toString())
                .claim(ROLES_CLAIM, account.roles().stream().sorted().toList())
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new Issued(value, jti, expiresAt, properties.accessTokenTtl());
    }
}

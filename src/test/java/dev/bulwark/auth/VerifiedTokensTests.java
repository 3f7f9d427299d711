package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTests {

    final AtomicInteger verifications = new AtomicInteger();
    final AtomicBoolean revoked = new AtomicBoolean();
    final JwtDecoder signatureOnly = token -> {
        verifications.incrementAndGet();
        if (!token.endsWith(".good-signature")) {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("someone")
                .issuedAt(Instant.parse("2026-12-01T00:00:00Z"))
                .build();
    };
    final VerifiedTokens tokens = new VerifiedTokens(
            signatureOnly,
            jwt -> revoked.get()
                    ? OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The token has been revoked", null))
                    : OAuth2TokenValidatorResult.success());

    @Test
    void aSignatureIsVerifiedOnceButEveryOtherCheckRunsOnEveryUse() {
        assertThat(tokens.decode("header.claims.good-signature").getSubject()).isEqualTo("someone");
        assertThat(tokens.decode("header.claims.good-signature").getSubject()).isEqualTo("someone");
        assertThat(verifications).hasValue(1);

        revoked.set(true);

        assertThatThrownBy(() -> tokens.decode("header.claims.good-signature"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("The token has been revoked");
    }

    @Test
    void aTokenThatFailedVerificationIsNeverRemembered() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode("header.claims.forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anAlteredCopyOfAVerifiedTokenIsVerifiedAfresh() {
        tokens.decode("header.claims.good-signature");

        assertThatThrownBy(() -> tokens.decode("header.claimz.good-signaturf")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}

package dev.bulwark.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * One algorithm's whole access-token path, as the service takes it for RS256: a signing key, Spring's
 * {@code NimbusJwtEncoder}, a {@code NimbusJwtDecoder} with a key selector holding the converted key (as
 * {@code VerificationKeys}) and the {@code typ}/time validators, and a token it accepts. EdDSA signs with Nimbus'
 * {@code Ed25519Signer} instead (Spring Security 7.1 cannot: spring-security#17098), and verifies with an
 * {@code Ed25519Verifier}; both use Tink. Shared by {@link TokenBenchmarks} and {@link TokenCpuCost}.
 */
@State(Scope.Benchmark)
public class JoseTokens {

    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    @Param({"RS256-2048", "RS256-3072", "ES256", "EdDSA"})
    public String algorithm;

    private JWK key;
    private @Nullable JwtEncoder encoder;
    JwtDecoder decoder;
    String token;

    @Setup
    public void setUp() throws Exception {
        key = switch (algorithm) {
            case "RS256-2048" ->
                new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
            case "RS256-3072" ->
                new RSAKeyGenerator(3072).keyIDFromThumbprint(true).generate();
            case "ES256" ->
                new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
            case "EdDSA" ->
                new OctetKeyPairGenerator(Curve.Ed25519)
                        .keyIDFromThumbprint(true)
                        .generate();
            default -> throw new IllegalArgumentException(algorithm);
        };
        encoder = key instanceof OctetKeyPair ? null : new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        decoder = decoder(key);
        token = sign();
        decoder.decode(token); // fails the set-up if the pair does not round-trip
    }

    String sign() throws JOSEException {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("bulwark")
                .audience(List.of("bulwark-api"))
                .subject(UUID.randomUUID().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plusSeconds(600))
                .claim("sid", UUID.randomUUID().toString())
                .claim("roles", List.of("USER"))
                .build();
        if (encoder != null) {
            SignatureAlgorithm jws = key instanceof RSAKey ? SignatureAlgorithm.RS256 : SignatureAlgorithm.ES256;
            JwsHeader header = JwsHeader.with(jws)
                    .type(TYPE.getType())
                    .keyId(key.getKeyID())
                    .build();
            return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        }
        JWTClaimsSet.Builder nimbusClaims = new JWTClaimsSet.Builder();
        claims.getClaims()
                .forEach((name, value) -> nimbusClaims.claim(
                        name, value instanceof Instant instant ? java.util.Date.from(instant) : value));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                        .type(TYPE)
                        .keyID(key.getKeyID())
                        .build(),
                nimbusClaims.build());
        jwt.sign(new Ed25519Signer((OctetKeyPair) key));
        return jwt.serialize();
    }

    private static JwtDecoder decoder(JWK key) throws JOSEException {
        JWSAlgorithm algorithm = key instanceof RSAKey
                ? JWSAlgorithm.RS256
                : key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.EdDSA;
        List<Key> verifying = List.of(publicKey(key));
        JWSVerifierFactory verifiers = key instanceof OctetKeyPair okp
                ? edDsaVerifier(new Ed25519Verifier(okp.toPublicJWK()))
                : new DefaultJWSVerifierFactory();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(
                        new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())))
                .jwtProcessorCustomizer(processor -> {
                    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
                    processor.setJWSKeySelector((header, context) -> algorithm.equals(header.getAlgorithm())
                                    && key.getKeyID().equals(header.getKeyID())
                            ? verifying
                            : List.of());
                    processor.setJWSVerifierFactory(verifiers);
                })
                .build();
        // the claim checks of TokenConfiguration cost the same for every algorithm; typ and times stand in
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTypeValidator(TYPE.getType()), new JwtTimestampValidator()));
        return decoder;
    }

    private static Key publicKey(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> rsa.toRSAPublicKey();
            case ECKey ec -> ec.toECPublicKey();
            // Nimbus verifies Ed25519 from the JWK, not from a Java key; this one only passes the selector
            case OctetKeyPair okp -> new javax.crypto.spec.SecretKeySpec(okp.getDecodedX(), "Ed25519");
            default -> throw new IllegalArgumentException(key.getKeyType().getValue());
        };
    }

    /** Nimbus' default factory has no EdDSA verifier: hand out the one Ed25519 verifier. */
    private static JWSVerifierFactory edDsaVerifier(Ed25519Verifier verifier) {
        return new JWSVerifierFactory() {
            @Override
            public JWSVerifier createJWSVerifier(JWSHeader header, Key key) {
                return verifier;
            }

            @Override
            public java.util.Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return verifier.supportedJWSAlgorithms();
            }

            @Override
            public com.nimbusds.jose.jca.JCAContext getJCAContext() {
                return verifier.getJCAContext();
            }
        };
    }
}

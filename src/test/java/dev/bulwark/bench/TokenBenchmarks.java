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
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Cost of signing and verifying an access token with each asymmetric JWS algorithm: RS256 (RSA 2048 and 3072), ES256
 * (P-256) and EdDSA (Ed25519). Verification runs on every authenticated request, signing on every login and refresh.
 *
 * <p>Two layers: the bare JCA signature over a token's signing input ({@code sign*}, {@code verify*}), and a whole
 * token through the Nimbus path the service takes ({@link Jose}: Spring's {@code NimbusJwtEncoder} and
 * {@code NimbusJwtDecoder} with a {@code typ} check and a key selector holding converted keys, as in
 * {@code TokenConfiguration}). Spring Security 7.1 cannot sign EdDSA (spring-security#17098) and Nimbus signs and
 * verifies Ed25519 only through Tink, so the EdDSA case signs with Nimbus' {@code Ed25519Signer} directly and verifies
 * through the same decoder with an {@code Ed25519Verifier} (Tink is a test dependency for this alone). Run:
 * {@code ./bulwark bench jmh TokenBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmarks {

    // A realistic header.payload of one of our access tokens (about 400 bytes).
    private static final byte[] SIGNING_INPUT =
            ("eyJraWQiOiJSWE1RbUFVVU9FOW5pWlJ5VUFoaEJ4ZlRyT2t1NzBkUXNfbGNYOTg3TXFZIiwidHlwIjoiYXQr"
                            + "and0IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiIwMWEyMDllNi0xNTU1LTc4MjMtOTFkNS02Yjg5Y2I3ZWU2ZTYiLCJhdWQiOlsiYnVs"
                            + "d2Fyay1hcGkiXSwibmJmIjoxNzk1NDYwMDAwLCJyb2xlcyI6WyJVU0VSIl0sImlzcyI6ImJ1bHdhcmsiLCJleHAiOjE3OTU0NjA2MDAs"
                            + "ImlhdCI6MTc5NTQ2MDAwMCwianRpIjoiOGNjZTE3ZWMtZjgwYS00Y2M1LWJiMTQtZGM4YTE3YzBkNmY4Iiwic2lkIjoiMDFhMjA5ZTYt"
                            + "MTU1NS03ODIzLTkxZDUtNmI4OWNiN2VlNmU3In0")
                    .getBytes(StandardCharsets.US_ASCII);

    private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    private KeyPair rsa;
    private KeyPair ec;
    private KeyPair ed;
    private byte[] rsaSignature;
    private byte[] ecSignature;
    private byte[] edSignature;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        rsaSignature = sign("SHA256withRSA", rsa);
        ecSignature = sign("SHA256withECDSAinP1363Format", ec);
        edSignature = sign("Ed25519", ed);
    }

    private static byte[] sign(String algorithm, KeyPair keys) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(keys.getPrivate());
        signature.update(SIGNING_INPUT);
        return signature.sign();
    }

    private static boolean verify(String algorithm, KeyPair keys, byte[] signed) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(keys.getPublic());
        signature.update(SIGNING_INPUT);
        return signature.verify(signed);
    }

    @Benchmark
    public String joseSign(Jose jose) throws Exception {
        return jose.sign();
    }

    @Benchmark
    public Jwt joseVerify(Jose jose) {
        return jose.decoder.decode(jose.token);
    }

    @Benchmark
    public byte[] signRs256() throws Exception {
        return sign("SHA256withRSA", rsa);
    }

    @Benchmark
    public boolean verifyRs256() throws Exception {
        return verify("SHA256withRSA", rsa, rsaSignature);
    }

    @Benchmark
    public byte[] signEs256() throws Exception {
        return sign("SHA256withECDSAinP1363Format", ec);
    }

    @Benchmark
    public boolean verifyEs256() throws Exception {
        return verify("SHA256withECDSAinP1363Format", ec, ecSignature);
    }

    @Benchmark
    public byte[] signEdDsa() throws Exception {
        return sign("Ed25519", ed);
    }

    @Benchmark
    public boolean verifyEdDsa() throws Exception {
        return verify("Ed25519", ed, edSignature);
    }

    /** One algorithm's whole-token path: a signing key, an encoder, a decoder and a token it accepts. */
    @State(Scope.Benchmark)
    public static class Jose {

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
}

package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The negative corpus: every way an access token can be wrong is refused with 401 problem+json. */
@IntegrationTest
class TokenValidationTests {

    @Autowired
    MockMvc mvc;

    RSAKey current;
    RSAKey previous;
    String subject;
    String session;

    @BeforeEach
    void setUp() throws Exception {
        current = SigningKeys.parse(pem("keys/test-signing-1.pem"));
        previous = SigningKeys.parse(pem("keys/test-signing-2.pem"));
        AuthClient client = new AuthClient(mvc);
        AuthClient.Tokens tokens = client.newUser(AuthClient.uniqueEmail());
        SignedJWT real = SignedJWT.parse(tokens.accessToken());
        subject = real.getJWTClaimsSet().getSubject();
        session = real.getJWTClaimsSet().getStringClaim("sid");
    }

    private static String pem(String resource) throws Exception {
        return new ClassPathResource(resource).getContentAsString(StandardCharsets.US_ASCII);
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("bulwark")
                .audience("bulwark-api")
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("sid", session)
                .claim("roles", List.of("USER"));
    }

    private String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String signed(UnaryOperator<JWTClaimsSet.Builder> claims) throws Exception {
        return sign(
                current, header(current.getKeyID()), claims.apply(validClaims()).build());
    }

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(kid)
                .build();
    }

    private MvcResult call(String token) throws Exception {
        return mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andReturn();
    }

    @Test
    void aWellFormedTokenFromEitherConfiguredKeyIsAccepted() throws Exception {
        assertThat(call(signed(c -> c)).getResponse().getStatus()).isEqualTo(200);
        String byPreviousKey =
                sign(previous, header(previous.getKeyID()), validClaims().build());
        assertThat(call(byPreviousKey).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void everyMalformedTokenIsRefused() throws Exception {
        Map<String, String> corpus = new LinkedHashMap<>();
        Instant now = Instant.now();
        String valid = signed(c -> c);
        String[] parts = valid.split("\\.");

        corpus.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".");
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(new JOSEObjectType("at+jwt"))
                        .keyID(current.getKeyID())
                        .build(),
                validClaims().build());
        hmac.sign(new MACSigner(current.toRSAPublicKey().getEncoded()));
        corpus.put("HMAC signed with the public key", hmac.serialize());
        RSAKey stranger = new RSAKey.Builder(
                        (java.security.interfaces.RSAPublicKey) strangerPair().getPublic())
                .privateKey(strangerPair().getPrivate())
                .keyID(current.getKeyID())
                .build();
        corpus.put(
                "unknown key under a known kid",
                sign(stranger, header(current.getKeyID()), validClaims().build()));
        corpus.put(
                "unknown kid",
                sign(current, header("no-such-kid"), validClaims().build()));
        corpus.put("wrong issuer", signed(c -> c.issuer("https://evil.example")));
        corpus.put("wrong audience", signed(c -> c.audience("another-api")));
        corpus.put(
                "wrong typ",
                sign(
                        current,
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .type(JOSEObjectType.JWT)
                                .keyID(current.getKeyID())
                                .build(),
                        validClaims().build()));
        corpus.put(
                "no typ",
                sign(
                        current,
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(current.getKeyID())
                                .build(),
                        validClaims().build()));
        corpus.put(
                "expired",
                signed(c -> c.issueTime(Date.from(now.minusSeconds(1200)))
                        .notBeforeTime(Date.from(now.minusSeconds(1200)))
                        .expirationTime(Date.from(now.minusSeconds(120)))));
        corpus.put(
                "not yet valid",
                signed(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))
                        .expirationTime(Date.from(now.plusSeconds(900)))));
        corpus.put("missing sub", signed(c -> c.subject(null)));
        corpus.put("missing jti", signed(c -> c.jwtID(null)));
        corpus.put("missing sid", signed(c -> c.claim("sid", null)));
        corpus.put("missing exp", signed(c -> c.expirationTime(null)));
        corpus.put(
                "tampered payload",
                parts[0] + "."
                        + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                                .replace("\"USER\"", "\"ADMIN\""))
                        + "." + parts[2]);
        corpus.put("tampered signature", parts[0] + "." + parts[1] + "." + flipLastChar(parts[2]));
        corpus.put("truncated", parts[0] + "." + parts[1]);
        corpus.put("garbage", "not.a.jwt");
        corpus.put("empty signature", parts[0] + "." + parts[1] + ".");

        for (Map.Entry<String, String> entry : corpus.entrySet()) {
            MvcResult result = call(entry.getValue());
            assertThat(result.getResponse().getStatus()).as(entry.getKey()).isEqualTo(401);
            assertThat(result.getResponse().getContentType()).as(entry.getKey()).isEqualTo("application/problem+json");
            assertThat(result.getResponse().getHeader("WWW-Authenticate"))
                    .as(entry.getKey())
                    .startsWith("Bearer");
            assertThat(result.getResponse().getContentAsString())
                    .as(entry.getKey())
                    .contains("invalid-token");
        }
    }

    private static java.security.KeyPair strangerPairCache;

    private static synchronized java.security.KeyPair strangerPair() throws Exception {
        if (strangerPairCache == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            strangerPairCache = generator.generateKeyPair();
        }
        return strangerPairCache;
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String flipLastChar(String value) {
        char last = value.charAt(value.length() - 2);
        return value.substring(0, value.length() - 2) + (last == 'A' ? 'B' : 'A') + value.charAt(value.length() - 1);
    }
}

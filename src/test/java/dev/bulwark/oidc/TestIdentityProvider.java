package dev.bulwark.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A real OIDC provider for the tests (mock-oauth2-server: discovery, JWKS, authorization and token endpoints, PKCE and
 * single-use codes), started once per test JVM. A test may arm one forged token response: the next token request gets
 * it instead of the provider's own, which is how ID tokens with a wrong nonce, audience or signature reach the
 * service through the real code exchange.
 */
final class TestIdentityProvider {

    static final String ISSUER_ID = "default";
    static final String CLIENT_ID = "bulwark-test";
    static final String CLIENT_SECRET = "test-client-secret-for-the-mock-provider";

    private static final KeyProvider KEYS = new KeyProvider();
    private static final AtomicReference<String> FORGED = new AtomicReference<>();
    private static final MockOAuth2Server SERVER = start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestIdentityProvider() {}

    private static MockOAuth2Server start() {
        Route forged = new Route() {
            @Override
            public boolean match(OAuth2HttpRequest request) {
                return request.getUrl().encodedPath().endsWith("/token") && FORGED.get() != null;
            }

            @Override
            public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
                String idToken = FORGED.getAndSet(null);
                String body = "{\"token_type\":\"Bearer\",\"access_token\":\"opaque-access\",\"expires_in\":300,"
                        + "\"id_token\":\"" + idToken + "\"}";
                return new OAuth2HttpResponse(
                        Headers.of("Content-Type", "application/json;charset=UTF-8"), 200, body, null);
            }
        };
        OAuth2Config config = new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(KEYS),
                java.util.Set.of(),
                new MockWebServerWrapper());
        MockOAuth2Server server = new MockOAuth2Server(config, forged);
        server.start();
        return server;
    }

    static String issuer() {
        return SERVER.issuerUrl(ISSUER_ID).toString();
    }

    /**
     * The identity the next code exchange signs in (claims of its ID token). Queued by the provider and taken by the
     * next token request, so call it only when the callback will reach the token endpoint.
     */
    static void nextSignIn(String subject, Map<String, Object> claims) {
        SERVER.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 300));
    }

    /** The next token request is answered with this ID token instead. */
    static void armForgedIdToken(String idToken) {
        FORGED.set(idToken);
    }

    static void disarm() {
        FORGED.set(null);
    }

    /** The provider's own signing key, private part included: forged tokens with a valid signature. */
    static RSAKey signingKey() {
        return KEYS.signingKey(ISSUER_ID).toRSAKey();
    }

    /** Claims of an ID token that would be accepted for this nonce, to be spoiled one at a time. */
    static JWTClaimsSet.Builder validClaims(String subject, String nonce) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("email", subject + "@idp.example.test");
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the provider's authorization endpoint answers the browser (no login page: mock-oauth2-server signs in at
     * once): the callback's query parameters, {@code code} and {@code state}.
     */
    static Map<String, String> authorize(URI authorizationRequest) throws IOException, InterruptedException {
        HttpResponse<Void> response = HTTP.send(
                HttpRequest.newBuilder(authorizationRequest).GET().build(), HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location").orElseThrow();
        return query(URI.create(location));
    }

    static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> pair[0],
                        pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
    }
}

package dev.bulwark.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.IntegrationTest;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browser sign-in end to end against a real OIDC provider, and every OpenID RP negative case refused with no session
 * created: state, code, PKCE, nonce, issuer, audience, expiry, signature, algorithm, return_to, CSRF, Origin, fixation.
 */
@IntegrationTest
class BrowserSignInTests {

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("bulwark.oidc.base-url", () -> Browser.ORIGIN);
        registry.add("bulwark.oidc.providers.mock.issuer", TestIdentityProvider::issuer);
        registry.add("bulwark.oidc.providers.mock.client-id", () -> TestIdentityProvider.CLIENT_ID);
        registry.add("bulwark.oidc.providers.mock.client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
        registry.add("bulwark.oidc.providers.mock.roles-claim", () -> "groups");
        registry.add("bulwark.oidc.providers.mock.role-mapping.admins", () -> "ADMIN");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void disarm() {
        TestIdentityProvider.disarm();
    }

    private static Map<String, Object> person(String subject, String... groups) {
        return Map.of(
                "email",
                subject + "@idp.example.test",
                "email_verified",
                true,
                "name",
                "Person " + subject,
                "groups",
                List.of(groups));
    }

    private long browserSessions() {
        return jdbc.sql("SELECT count(*) FROM browser_sign_in")
                .query(Long.class)
                .single();
    }

    private static JsonNode json(MvcResult result) throws Exception {
        return JsonMapper.shared().readTree(result.getResponse().getContentAsString());
    }

    @Test
    void signInCreatesAnAccountAndASessionThatReachesTheApiLikeABearerToken() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        URI authorization = browser.startSignIn("/app/dashboard");
        Map<String, String> request = TestIdentityProvider.query(authorization);
        assertThat(request)
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(request.get("redirect_uri")).isEqualTo("http://localhost/auth/web/callback");
        String before = browser.sessionCookie();

        TestIdentityProvider.nextSignIn(subject, person(subject, "admins"));
        MvcResult callback = browser.callback(TestIdentityProvider.authorize(authorization));

        Browser.expectStatus(callback, 302);
        assertThat(callback.getResponse().getRedirectedUrl()).isEqualTo("/app/dashboard");
        String setCookie = callback.getResponse().getHeader("Set-Cookie");
        assertThat(setCookie).startsWith(Browser.COOKIE + "=").contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/");
        assertThat(setCookie).doesNotContain("Domain");
        assertThat(browser.sessionCookie()).isNotNull().isNotEqualTo(before);
        MvcResult me = browser.perform(get("/auth/web/me"));
        Browser.expectStatus(me, 200);
        JsonNode body = json(me);
        assertThat(body.get("user").get("email").asString()).isEqualTo(subject + "@idp.example.test");
        assertThat(body.get("user").get("roles").toString()).contains("ADMIN", "USER");
        assertThat(body.get("user").get("permissions").toString()).contains("users:read");
        assertThat(body.get("csrfToken").asString()).hasSizeGreaterThan(20);
        assertThat(me.getResponse().getContentAsString()).doesNotContain("eyJ"); // no token reaches the browser
        MvcResult api = browser.perform(get("/api/v1/me"));
        Browser.expectStatus(api, 200);
        assertThat(json(api).get("email").asString()).isEqualTo(subject + "@idp.example.test");
        Browser.expectStatus(browser.perform(get("/api/v1/admin/users")), 200);
        MvcResult sessions = browser.perform(get("/api/v1/auth/sessions"));
        assertThat(sessions.getResponse().getContentAsString()).contains("Browser via mock", "\"current\":true");
    }

    @Test
    void theSameIdentitySignsInAsTheSameAccountAndLosesAMappedRoleTheProviderNoLongerAsserts() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        Browser first = new Browser(mvc);
        Browser.expectStatus(first.signIn(subject, person(subject, "admins")), 302);
        String firstId =
                json(first.perform(get("/auth/web/me"))).get("user").get("id").asString();
        Browser second = new Browser(mvc);
        Browser.expectStatus(second.signIn(subject, person(subject)), 302);
        JsonNode user = json(second.perform(get("/auth/web/me"))).get("user");
        assertThat(user.get("id").asString()).isEqualTo(firstId);
        assertThat(user.get("roles").toString()).doesNotContain("ADMIN");
        // The role change ended the first browser's session (its tokens carried ADMIN).
        Browser.expectStatus(first.perform(get("/auth/web/me")), 401);
    }

    @Test
    void aFirstSignInWithTheEmailOfAPasswordAccountIsRefusedNotLinked() throws Exception {
        String email = "taken-" + UUID.randomUUID() + "@idp.example.test";
        mvc.perform(post("/api/v1/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\","
                        + "\"displayName\":\"Owner\"}"));
        long before = browserSessions();
        Browser browser = new Browser(mvc);
        MvcResult result = browser.signIn("sub-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true));
        Browser.expectStatus(result, 409);
        assertThat(json(result).get("type").asString()).endsWith("/account-exists");
        assertThat(browserSessions()).isEqualTo(before);
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 401);
    }

    @Test
    void aCallbackWithoutStateOrWithAnotherStateCreatesNoSession() throws Exception {
        long before = browserSessions();
        for (String state : new String[] {null, "forged-state"}) {
            Browser browser = new Browser(mvc);
            Map<String, String> response =
                    new java.util.HashMap<>(TestIdentityProvider.authorize(browser.startSignIn("/")));
            if (state == null) {
                response.remove("state");
            } else {
                response.put("state", state);
            }
            assertRefused(browser, browser.callback(response));
        }
        assertThat(browserSessions()).isEqualTo(before);
    }

    @Test
    void aReplayedCallbackIsRefusedAndAReplayedCodeToo() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        TestIdentityProvider.nextSignIn(subject, person(subject));
        Map<String, String> response = TestIdentityProvider.authorize(browser.startSignIn("/"));
        Browser.expectStatus(browser.callback(response), 302);
        long before = browserSessions();
        // Same state again, in the now signed-in browser: the authorization request was given back once.
        assertRefused(new Browser(mvc), browserReplay(browser, response));
        // The used code in a fresh sign-in of another browser: the provider refuses it.
        Browser other = new Browser(mvc);
        Map<String, String> fresh = TestIdentityProvider.query(other.startSignIn("/"));
        assertRefused(other, other.callback(Map.of("code", response.get("code"), "state", fresh.get("state"))));
        assertThat(browserSessions()).isEqualTo(before);
    }

    private static MvcResult browserReplay(Browser browser, Map<String, String> response) throws Exception {
        MvcResult result = browser.callback(response);
        Browser.expectStatus(result, 401);
        return result;
    }

    @Test
    void aCodeIssuedForAnotherBrowsersChallengeFailsThePkceCheck() throws Exception {
        long before = browserSessions();
        Browser victim = new Browser(mvc);
        TestIdentityProvider.nextSignIn("sub-victim", person("sub-victim"));
        String victimsCode =
                TestIdentityProvider.authorize(victim.startSignIn("/")).get("code");
        Browser attacker = new Browser(mvc);
        String attackersState =
                TestIdentityProvider.query(attacker.startSignIn("/")).get("state");
        assertRefused(attacker, attacker.callback(Map.of("code", victimsCode, "state", attackersState)));
        assertThat(browserSessions()).isEqualTo(before);
    }

    @Test
    void anIssParameterNamingAnotherIssuerIsAMixUpAndRefused() throws Exception {
        long before = browserSessions();
        Browser browser = new Browser(mvc);
        Map<String, String> response =
                new java.util.HashMap<>(TestIdentityProvider.authorize(browser.startSignIn("/")));
        response.put("iss", "https://attacker.example.test");
        assertRefused(browser, browser.callback(response));
        assertThat(browserSessions()).isEqualTo(before);
    }

    static Stream<Arguments> forgedIdTokens() {
        BiFunction<String, String, String> wrongNonce = (sub, nonce) -> TestIdentityProvider.sign(
                TestIdentityProvider.validClaims(sub, "another-nonce").build(), TestIdentityProvider.signingKey());
        BiFunction<String, String, String> noNonce = (sub, nonce) -> TestIdentityProvider.sign(
                TestIdentityProvider.validClaims(sub, nonce)
                        .claim("nonce", null)
                        .build(),
                TestIdentityProvider.signingKey());
        BiFunction<String, String, String> wrongIssuer = (sub, nonce) -> TestIdentityProvider.sign(
                TestIdentityProvider.validClaims(sub, nonce)
                        .issuer("https://attacker.example.test")
                        .build(),
                TestIdentityProvider.signingKey());
        BiFunction<String, String, String> wrongAudience = (sub, nonce) -> TestIdentityProvider.sign(
                TestIdentityProvider.validClaims(sub, nonce)
                        .audience("another-client")
                        .build(),
                TestIdentityProvider.signingKey());
        BiFunction<String, String, String> expired = (sub, nonce) -> TestIdentityProvider.sign(
                TestIdentityProvider.validClaims(sub, nonce)
                        .issueTime(Date.from(Instant.now().minusSeconds(900)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                        .build(),
                TestIdentityProvider.signingKey());
        BiFunction<String, String, String> foreignKey = (sub, nonce) -> TestIdentityProvider.sign(
                TestIdentityProvider.validClaims(sub, nonce).build(), foreignKey());
        BiFunction<String, String, String> algNone = (sub, nonce) ->
                new PlainJWT(TestIdentityProvider.validClaims(sub, nonce).build()).serialize();
        BiFunction<String, String, String> hs256WithPublicKey = BrowserSignInTests::hmacWithThePublicKey;
        return Stream.of(
                Arguments.of("wrong nonce", wrongNonce),
                Arguments.of("missing nonce", noNonce),
                Arguments.of("wrong issuer", wrongIssuer),
                Arguments.of("wrong audience", wrongAudience),
                Arguments.of("expired", expired),
                Arguments.of("signed by another key", foreignKey),
                Arguments.of("alg none", algNone),
                Arguments.of("HS256 keyed with the provider's public key", hs256WithPublicKey));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedIdTokens")
    void aForgedIdTokenIsRefusedWithNoSession(String name, BiFunction<String, String, String> forge) throws Exception {
        long before = browserSessions();
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        URI authorization = browser.startSignIn("/");
        String nonce = TestIdentityProvider.query(authorization).get("nonce");
        Map<String, String> response = TestIdentityProvider.authorize(authorization);
        TestIdentityProvider.armForgedIdToken(forge.apply(subject, nonce));
        assertRefused(browser, browser.callback(response));
        assertThat(browserSessions()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE email = ?")
                        .param(subject + "@idp.example.test")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theControlCaseOfTheForgedTokensSignsIn() throws Exception {
        // The same forging path with nothing spoiled is accepted: the refusals above are about what each one spoils.
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        URI authorization = browser.startSignIn("/");
        String nonce = TestIdentityProvider.query(authorization).get("nonce");
        Map<String, String> response = TestIdentityProvider.authorize(authorization);
        TestIdentityProvider.armForgedIdToken(TestIdentityProvider.sign(
                TestIdentityProvider.validClaims(subject, nonce).build(), TestIdentityProvider.signingKey()));
        Browser.expectStatus(browser.callback(response), 302);
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 200);
    }

    private static RSAKey foreignKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(TestIdentityProvider.signingKey().getKeyID())
                    .generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmacWithThePublicKey(String subject, String nonce) {
        try {
            RSAKey key = TestIdentityProvider.signingKey();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(key.getKeyID())
                            .build(),
                    TestIdentityProvider.validClaims(subject, nonce).build());
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void returnToAnotherOriginIsRefusedBeforeTheProviderIsContacted() throws Exception {
        for (String target : List.of(
                "https://attacker.example.test/",
                "//attacker.example.test/x",
                "/\\attacker.example.test",
                "javascript:alert(1)")) {
            Browser browser = new Browser(mvc);
            MvcResult result = browser.perform(
                    get("/auth/web/login").param("provider", "mock").param("return_to", target));
            Browser.expectStatus(result, 400);
            assertThat(json(result).get("type").asString()).endsWith("/invalid-return-to");
            assertThat(browser.sessionCookie()).isNull();
        }
    }

    @Test
    void anUnknownProviderIsA404Problem() throws Exception {
        MvcResult result = new Browser(mvc).perform(get("/auth/web/login").param("provider", "nope"));
        Browser.expectStatus(result, 404);
        assertThat(json(result).get("type").asString()).endsWith("/unknown-provider");
    }

    @Test
    void stateChangingRequestsWithTheCookieNeedTheCsrfTokenAndAnAllowedOrigin() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        Browser.expectStatus(browser.signIn(subject, person(subject)), 302);
        String csrf = browser.csrfToken();
        String rename = "{\"displayName\":\"Renamed\"}";
        MvcResult noToken = browser.perform(patch("/api/v1/me")
                .header("Origin", Browser.ORIGIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(rename));
        Browser.expectStatus(noToken, 403);
        assertThat(json(noToken).get("type").asString()).endsWith("/csrf-failed");
        Browser.expectStatus(
                browser.perform(patch("/api/v1/me")
                        .header("Origin", Browser.ORIGIN)
                        .header("X-CSRF-Token", "wrong-" + csrf)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(rename)),
                403);
        // An origin CORS lets through (a front end of the API) but browser sign-in does not list, and none at all.
        for (String origin : new String[] {"https://app.example.test", null}) {
            var request = patch("/api/v1/me")
                    .header("X-CSRF-Token", csrf)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(rename);
            if (origin != null) {
                request.header("Origin", origin);
            }
            MvcResult refused = browser.perform(request);
            Browser.expectStatus(refused, 403);
            assertThat(json(refused).get("type").asString()).endsWith("/csrf-failed");
        }
        MvcResult foreign = browser.perform(patch("/api/v1/me")
                .header("Origin", "https://attacker.example.test")
                .header("X-CSRF-Token", csrf)
                .contentType(MediaType.APPLICATION_JSON)
                .content(rename));
        Browser.expectStatus(foreign, 403); // CORS refuses it first
        assertThat(json(browser.perform(get("/api/v1/me"))).get("displayName").asString())
                .isNotEqualTo("Renamed");
        MvcResult allowed = browser.perform(patch("/api/v1/me")
                .header("Origin", Browser.ORIGIN)
                .header("X-CSRF-Token", csrf)
                .contentType(MediaType.APPLICATION_JSON)
                .content(rename));
        Browser.expectStatus(allowed, 200);
        assertThat(json(browser.perform(get("/api/v1/me"))).get("displayName").asString())
                .isEqualTo("Renamed");
    }

    @Test
    void theCookieFromBeforeSignInIsWorthNothingAfterIt() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        Browser victim = new Browser(mvc);
        URI authorization = victim.startSignIn("/");
        String fixated = victim.sessionCookie(); // an attacker who planted this id hopes to share the session
        TestIdentityProvider.nextSignIn(subject, person(subject));
        Browser.expectStatus(victim.callback(TestIdentityProvider.authorize(authorization)), 302);
        assertThat(victim.sessionCookie()).isNotEqualTo(fixated);
        Browser attacker = new Browser(mvc);
        attacker.useSessionCookie(fixated);
        Browser.expectStatus(attacker.perform(get("/auth/web/me")), 401);
        Browser.expectStatus(victim.perform(get("/auth/web/me")), 200);
    }

    @Test
    void refreshRotatesTheSessionIdAndCsrfTokenAndLogoutEndsTheSession() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        Browser.expectStatus(browser.signIn(subject, person(subject)), 302);
        String csrf = browser.csrfToken();
        String cookie = browser.sessionCookie();
        MvcResult refreshed = browser.perform(
                post("/auth/web/refresh").header("Origin", Browser.ORIGIN).header("X-CSRF-Token", csrf));
        Browser.expectStatus(refreshed, 200);
        assertThat(json(refreshed).get("csrfToken").asString()).isNotEqualTo(csrf);
        assertThat(browser.sessionCookie()).isNotEqualTo(cookie);
        Browser old = new Browser(mvc);
        old.useSessionCookie(cookie);
        Browser.expectStatus(old.perform(get("/auth/web/me")), 401);

        MvcResult noCsrf = browser.perform(post("/auth/web/logout").header("Origin", Browser.ORIGIN));
        Browser.expectStatus(noCsrf, 403);
        MvcResult out = browser.perform(post("/auth/web/logout")
                .header("Origin", Browser.ORIGIN)
                .header("X-CSRF-Token", json(refreshed).get("csrfToken").asString()));
        Browser.expectStatus(out, 200);
        assertThat(json(out).get("logoutUrl").asString()).startsWith(TestIdentityProvider.issuer() + "/endsession");
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 401);
        Browser after = new Browser(mvc);
        after.useSessionCookie(browser.sessionCookie() == null ? cookie : browser.sessionCookie());
        Browser.expectStatus(after.perform(get("/api/v1/me")), 401);
    }

    private void assertRefused(Browser browser, MvcResult result) throws Exception {
        Browser.expectStatus(result, 401);
        assertThat(json(result).get("type").asString()).endsWith("/sign-in-failed");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception", "eyJ");
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 401);
    }
}

package dev.bulwark.oidc;

import static dev.bulwark.oidc.BrowserSignInTests.json;
import static dev.bulwark.oidc.BrowserSignInTests.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.access.AdminClient;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** How a signed-in browser session ends: back-channel logout, an admin, the session list, a bearer token beside it. */
class BrowserSessionLifecycleTests extends OidcIntegrationTest {

    @Autowired
    MockMvc mvc;

    private record SignedIn(Browser browser, String subject, String providerSid) {}

    private SignedIn signIn() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        String providerSid = "idp-session-" + UUID.randomUUID();
        Map<String, Object> claims = new HashMap<>(person(subject));
        claims.put("sid", providerSid);
        Browser browser = new Browser(mvc);
        Browser.expectStatus(browser.signIn(subject, claims), 302);
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 200);
        return new SignedIn(browser, subject, providerSid);
    }

    private static JWTClaimsSet.Builder logoutToken(SignedIn session) {
        return new JWTClaimsSet.Builder()
                .issuer(TestIdentityProvider.issuer())
                .audience(TestIdentityProvider.CLIENT_ID)
                .issueTime(Date.from(Instant.now()))
                .jwtID(UUID.randomUUID().toString())
                .claim("events", Map.of(LogoutTokens.EVENT, Map.of()))
                .claim("sid", session.providerSid());
    }

    private MvcResult backChannelLogout(String token) throws Exception {
        return new Browser(mvc)
                .perform(post("/auth/web/backchannel-logout")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("logout_token", token));
    }

    @Test
    void aBackChannelLogoutTokenEndsTheBrowserSessionsOfThatProviderSession() throws Exception {
        SignedIn session = signIn();
        SignedIn other = signIn();
        String token = TestIdentityProvider.sign(logoutToken(session).build(), TestIdentityProvider.signingKey());
        Browser.expectStatus(backChannelLogout(token), 200);
        Browser.expectStatus(session.browser().perform(get("/auth/web/me")), 401);
        Browser.expectStatus(other.browser().perform(get("/auth/web/me")), 200);
    }

    @Test
    void aLogoutTokenNamingOnlyTheSubjectEndsAllOfItsBrowserSessions() throws Exception {
        SignedIn session = signIn();
        JWTClaimsSet claims = logoutToken(session)
                .claim("sid", null)
                .subject(session.subject())
                .build();
        Browser.expectStatus(
                backChannelLogout(TestIdentityProvider.sign(claims, TestIdentityProvider.signingKey())), 200);
        Browser.expectStatus(session.browser().perform(get("/auth/web/me")), 401);
    }

    @Test
    void logoutTokensThatAreNotValidEndNothing() throws Exception {
        SignedIn session = signIn();
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> spoiled = Map.of(
                "without events", claims -> claims.claim("events", null),
                "with another event", claims -> claims.claim("events", Map.of("https://example.test/other", Map.of())),
                "with a nonce (an ID token)", claims -> claims.claim("nonce", "n"),
                "for another client", claims -> claims.audience("another-client"),
                "from another issuer", claims -> claims.issuer("https://attacker.example.test"),
                "issued long ago",
                        claims -> claims.issueTime(Date.from(Instant.now().minusSeconds(3600))),
                "without sid and sub", claims -> claims.claim("sid", null));
        for (Map.Entry<String, UnaryOperator<JWTClaimsSet.Builder>> spoil : spoiled.entrySet()) {
            String token = TestIdentityProvider.sign(
                    spoil.getValue().apply(logoutToken(session)).build(), TestIdentityProvider.signingKey());
            MvcResult result = backChannelLogout(token);
            assertThat(result.getResponse().getStatus()).as(spoil.getKey()).isEqualTo(400);
            assertThat(json(result).get("type").asString()).as(spoil.getKey()).endsWith("/invalid-logout-token");
        }
        String foreign = TestIdentityProvider.sign(
                logoutToken(session).build(),
                new RSAKeyGenerator(2048)
                        .keyID(TestIdentityProvider.signingKey().getKeyID())
                        .generate());
        Browser.expectStatus(backChannelLogout(foreign), 400);
        Browser.expectStatus(backChannelLogout("not-a-jwt"), 400);
        Browser.expectStatus(session.browser().perform(get("/auth/web/me")), 200);
    }

    @Test
    void disablingTheAccountEndsItsBrowserSessions() throws Exception {
        SignedIn session = signIn();
        String id = json(session.browser().perform(get("/auth/web/me")))
                .get("user")
                .get("id")
                .asString();
        AdminClient admin = new AdminClient(mvc);
        long version = AdminClient.json(admin.perform(get("/api/v1/admin/users/" + id)))
                .get("version")
                .asLong();
        admin.perform(patch("/api/v1/admin/users/" + id), "{\"enabled\":false,\"version\":" + version + "}");
        Browser.expectStatus(session.browser().perform(get("/auth/web/me")), 401);
        Browser.expectStatus(session.browser().perform(get("/api/v1/me")), 401);
    }

    @Test
    void aBrowserSessionIsListedWithTheOthersAndRevokingItThereEndsIt() throws Exception {
        SignedIn session = signIn();
        Browser browser = session.browser();
        MvcResult list = browser.perform(get("/api/v1/auth/sessions"));
        Browser.expectStatus(list, 200);
        String id = null;
        for (var item : json(list)) {
            if (item.get("current").asBoolean()) {
                id = item.get("id").asString();
            }
        }
        assertThat(id).isNotNull();
        MvcResult revoked = browser.perform(delete("/api/v1/auth/sessions/" + id)
                .header("Origin", Browser.ORIGIN)
                .header("X-CSRF-Token", browser.csrfToken()));
        Browser.expectStatus(revoked, 204);
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 401);
    }

    @Test
    void aBearerTokenBesideTheCookieDecidesAlone() throws Exception {
        SignedIn session = signIn();
        MvcResult result = session.browser().perform(get("/api/v1/me").header("Authorization", "Bearer not-a-token"));
        Browser.expectStatus(result, 401);
        assertThat(json(result).get("type").asString()).endsWith("/invalid-token");
        // And a bearer caller needs no CSRF token even with the cookie present: it is not cookie-authenticated.
        Browser.expectStatus(
                session.browser().perform(post("/auth/web/refresh").header("Authorization", "Bearer not-a-token")),
                401);
        assertThat(List.of(200))
                .contains(session.browser()
                        .perform(get("/auth/web/me"))
                        .getResponse()
                        .getStatus());
    }
}

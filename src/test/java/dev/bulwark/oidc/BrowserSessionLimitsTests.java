package dev.bulwark.oidc;

import static dev.bulwark.oidc.BrowserSignInTests.json;
import static dev.bulwark.oidc.BrowserSignInTests.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.bulwark.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The opt-in settings: fingerprint binding and a short absolute lifetime end a session whatever its activity; linking
 * a first sign-in to an existing account by a verified email.
 */
@IntegrationTest
class BrowserSessionLimitsTests {

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        OidcIntegrationTest.provider(registry);
        registry.add("bulwark.oidc.session.fingerprint", () -> "true");
        registry.add("bulwark.oidc.session.absolute-timeout", () -> "4s");
        registry.add("bulwark.oidc.providers.mock.link-verified-email", () -> "true");
    }

    @Autowired
    MockMvc mvc;

    private Browser signedIn() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        Browser.expectStatus(browser.signIn(subject, person(subject)), 302);
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 200);
        return browser;
    }

    @Test
    void aVerifiedEmailLinksToTheExistingAccountAnUnverifiedOneDoesNot() throws Exception {
        String email = "linked-" + UUID.randomUUID() + "@idp.example.test";
        Browser.expectStatus(
                mvc.perform(post("/api/v1/auth/register")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\","
                                        + "\"displayName\":\"Owner\"}"))
                        .andReturn(),
                202);
        Browser unverified = new Browser(mvc);
        Browser.expectStatus(
                unverified.signIn("sub-" + UUID.randomUUID(), Map.of("email", email, "email_verified", false)), 409);
        Browser verified = new Browser(mvc);
        String subject = "sub-" + UUID.randomUUID();
        Browser.expectStatus(verified.signIn(subject, Map.of("email", email, "email_verified", true)), 302);
        String linked = json(verified.perform(get("/auth/web/me")))
                .get("user")
                .get("id")
                .asString();
        String owner = json(mvc.perform(post("/api/v1/auth/login")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}"))
                        .andReturn())
                .get("accessToken")
                .asString();
        String ownerId = json(mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + owner))
                        .andReturn())
                .get("id")
                .asString();
        assertThat(linked).isEqualTo(ownerId);
    }

    @Test
    void theCookieReplayedFromAnotherBrowserEndsTheSession() throws Exception {
        Browser browser = signedIn();
        Browser thief = new Browser(mvc);
        thief.useSessionCookie(browser.sessionCookie());
        thief.useUserAgent("curl/8.0");
        Browser.expectStatus(thief.perform(get("/api/v1/me")), 401);
        // Ended for its owner too: the cookie is known to have leaked.
        Browser.expectStatus(browser.perform(get("/api/v1/me")), 401);
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverActive() throws Exception {
        Browser browser = signedIn();
        long start = System.nanoTime();
        long deadline = start + 6_000_000_000L;
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = browser.perform(get("/auth/web/me")).getResponse().getStatus();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("lived until about its 4 s")
                .isGreaterThan(Duration.ofMillis(2500));
        Browser.expectStatus(browser.perform(get("/auth/web/me")), 401);
    }
}

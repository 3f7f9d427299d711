package dev.bulwark.oidc;

import static dev.bulwark.oidc.BrowserSignInTests.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.bulwark.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Without Redis (local mode) browser sessions live in the database, and leave it when they end. */
@IntegrationTest
@TestPropertySource(properties = "bulwark.redis.url=") // seen before start-up decides whether Redis is used
class JdbcBrowserSessionTests {

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        OidcIntegrationTest.provider(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private long storedSessions() {
        return jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
    }

    @Test
    void aSignedInSessionIsARowUntilSignOut() throws Exception {
        long before = storedSessions();
        String subject = "sub-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        Browser.expectStatus(browser.signIn(subject, person(subject)), 302);
        assertThat(storedSessions()).isEqualTo(before + 1);
        Browser.expectStatus(browser.perform(get("/api/v1/me")), 200);
        Browser.expectStatus(
                browser.perform(post("/auth/web/logout")
                        .header("Origin", Browser.ORIGIN)
                        .header("X-CSRF-Token", browser.csrfToken())),
                200);
        assertThat(storedSessions()).isEqualTo(before);
        Browser.expectStatus(browser.perform(get("/api/v1/me")), 401);
    }
}

package dev.bulwark.auth;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The same sign-in life cycle in local mode: H2 in PostgreSQL mode (in memory here rather than under ./data). */
@IntegrationTest
@ActiveProfiles({"test", "local"})
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:bulwark-flow;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "spring.datasource.username=sa",
            // logging is global to the JVM: keep the JSON format the other test classes assert on
            "logging.structured.format.console=ecs"
        })
class EmbeddedDatabaseFlowTests {

    @Autowired
    MockMvc mvc;

    @Test
    void registerLoginRefreshReuseAndLogoutWorkOnH2() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens first = client.newUser(email);
        client.me(first)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(email));
        client.register(email, PASSWORD).andExpect(status().isAccepted());

        AuthClient.Tokens second =
                AuthClient.tokens(client.refresh(first.refreshToken()).andReturn());
        client.refresh(first.refreshToken()).andExpect(status().isUnauthorized());
        client.me(second).andExpect(status().isUnauthorized());

        AuthClient.Tokens again = client.signIn(email, PASSWORD);
        mvc.perform(get("/api/v1/auth/sessions").header("Authorization", again.bearer()))
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(post("/api/v1/auth/logout").header("Authorization", again.bearer()))
                .andExpect(status().isNoContent());
        client.me(again).andExpect(status().isUnauthorized());
    }
}

package dev.bulwark.account;

import static dev.bulwark.AuthClient.PASSWORD;
import static dev.bulwark.AuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.AuthClient.Tokens;
import dev.bulwark.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** What a signed-in user changes about their own account under {@code /api/v1/me}: the display name and the password. */
@IntegrationTest
class ProfileTests {

    final MockMvc mvc;
    final AuthClient client;
    final String email = AuthClient.uniqueEmail();
    /** Every test acts as a freshly registered user, signed in once. */
    final Tokens me;

    final JdbcClient jdbc;

    ProfileTests(@Autowired MockMvc mvc, @Autowired JdbcClient jdbc) throws Exception {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.client = new AuthClient(mvc);
        this.me = client.newUser(email);
    }

    @Test
    void displayNameCanBeChangedAndNothingElse() throws Exception {
        patchMe("{\"displayName\":\"  New Name \"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("New Name"));
        for (String body : new String[] {
            "{\"displayName\":\"x\",\"roles\":[\"ADMIN\"]}",
            "{\"displayName\":\"\"}",
            "{\"displayName\":\"a\\u0007b\"}",
            "{\"displayName\":\"" + "n".repeat(101) + "\"}",
            "{\"displayName\":7}",
            "{}",
            "[]"
        }) {
            patchMe(body).andExpect(status().isBadRequest());
        }
        client.me(me)
                .andExpect(jsonPath("$.displayName").value("New Name"))
                .andExpect(jsonPath("$.roles.length()").value(1));
    }

    @Test
    void aRenameShowsAtOnceOnTheInstanceThatMadeIt() throws Exception {
        client.me(me).andExpect(jsonPath("$.displayName").value("Test User"));
        patchMe("{\"displayName\":\"Renamed Here\"}").andExpect(status().isOk());
        client.me(me).andExpect(jsonPath("$.displayName").value("Renamed Here"));
    }

    @Test
    void aChangeMadeByAnotherInstanceShowsWithinASecond() throws Exception {
        client.me(me).andExpect(status().isOk());
        long start = System.nanoTime();
        assertThat(jdbc.sql("UPDATE account SET display_name = 'Renamed Elsewhere' WHERE email = ?")
                        .param(email)
                        .update())
                .isOne();
        await().atMost(Duration.ofMillis(AccountViews.REUSE.toMillis() + 500))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(
                        () -> client.me(me).andExpect(jsonPath("$.displayName").value("Renamed Elsewhere")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AccountViews.REUSE.plusMillis(500));
    }

    @Test
    void passwordChangeSignsOutEveryOtherSession() throws Exception {
        Tokens current = me;
        Tokens other = client.signIn(email, PASSWORD);

        changePassword(current, "wrong password here", "brand new passphrase")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/current-password-mismatch"));
        changePassword(current, PASSWORD, "password1")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/weak-password"));
        client.me(other).andExpect(status().isOk()); // failed attempts changed nothing

        changePassword(current, PASSWORD, "brand new passphrase").andExpect(status().isNoContent());
        client.me(other).andExpect(status().isUnauthorized());
        client.refresh(other.refreshToken()).andExpect(status().isUnauthorized());
        client.me(current).andExpect(status().isOk());
        client.refresh(current.refreshToken()).andExpect(status().isOk());
        client.login(email, PASSWORD).andExpect(status().isUnauthorized());
        client.login(email, "brand new passphrase").andExpect(status().isOk());
    }

    private ResultActions patchMe(String body) throws Exception {
        return mvc.perform(patch("/api/v1/me")
                .header("Authorization", me.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions changePassword(Tokens tokens, String current, String next) throws Exception {
        return mvc.perform(post("/api/v1/me/password")
                .header("Authorization", tokens.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json("currentPassword", current, "newPassword", next)));
    }
}

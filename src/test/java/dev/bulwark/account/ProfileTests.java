package dev.bulwark.account;

import static dev.bulwark.AuthClient.PASSWORD;
import static dev.bulwark.AuthClient.json;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.AuthClient.Tokens;
import dev.bulwark.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** What a signed-in user changes about their own account under {@code /api/v1/me}: the display name and the password. */
@IntegrationTest
class ProfileTests {

    final MockMvc mvc;
    final AuthClient client;

    ProfileTests(@Autowired MockMvc mvc) {
        this.mvc = mvc;
        this.client = new AuthClient(mvc);
    }

    @Test
    void displayNameCanBeChangedAndNothingElse() throws Exception {
        Tokens tokens = client.newUser(AuthClient.uniqueEmail());
        mvc.perform(patch("/api/v1/me")
                        .header("Authorization", tokens.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"  New Name \"}"))
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
            mvc.perform(patch("/api/v1/me")
                            .header("Authorization", tokens.bearer())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest());
        }
        client.me(tokens)
                .andExpect(jsonPath("$.displayName").value("New Name"))
                .andExpect(jsonPath("$.roles.length()").value(1));
    }

    @Test
    void passwordChangeSignsOutEveryOtherSession() throws Exception {
        String email = AuthClient.uniqueEmail();
        Tokens current = client.newUser(email);
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

    private org.springframework.test.web.servlet.ResultActions changePassword(
            Tokens tokens, String current, String next) throws Exception {
        return mvc.perform(post("/api/v1/me/password")
                .header("Authorization", tokens.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json("currentPassword", current, "newPassword", next)));
    }
}

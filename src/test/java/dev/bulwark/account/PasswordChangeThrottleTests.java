package dev.bulwark.account;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A stolen access token must not allow unthrottled guessing of the current password. */
@IntegrationTest
class PasswordChangeThrottleTests {

    @Autowired
    MockMvc mvc;

    @Test
    void repeatedWrongCurrentPasswordsGet429AfterTheFreeFailures() throws Exception {
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens tokens = new AuthClient(mvc).newUser(email);
        for (int i = 1; i <= 11; i++) {
            MvcResult wrong = change(tokens, "wrong guess " + i);
            assertThat(wrong.getResponse().getStatus()).as("guess " + i).isEqualTo(400);
            assertThat(wrong.getResponse().getContentAsString()).contains("current-password-mismatch");
        }
        MvcResult throttled = change(tokens, PASSWORD);
        assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
        assertThat(throttled.getResponse().getHeader("Retry-After")).isEqualTo("1");
        assertThat(throttled.getResponse().getContentAsString()).contains("too-many-requests");
        assertThat(new AuthClient(mvc)
                        .login(email, PASSWORD)
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("the refused change with the right current password changed nothing")
                .isEqualTo(200);
    }

    private MvcResult change(AuthClient.Tokens tokens, String current) throws Exception {
        return mvc.perform(post("/api/v1/me/password")
                        .header("Authorization", tokens.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AuthClient.json("currentPassword", current, "newPassword", "brand new passphrase 9")))
                .andReturn();
    }
}

package dev.bulwark.account;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.Slow;
import dev.bulwark.TimingComparison;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Registration: a taken email cannot be told from a free one, bad input creates nothing, and the password policy names the rule a password broke. */
@IntegrationTest
class RegistrationTests {

    final MockMvc mvc;
    final AuthClient client;

    RegistrationTests(@Autowired MockMvc mvc) {
        this.mvc = mvc;
        this.client = new AuthClient(mvc);
    }

    @Test
    void registeringATakenEmailLooksTheSameAndChangesNothing() throws Exception {
        String email = AuthClient.uniqueEmail();
        MvcResult first = client.register(email, PASSWORD)
                .andExpect(status().isAccepted())
                .andReturn();
        MvcResult second = client.register(email.toUpperCase(), "another good passphrase")
                .andExpect(status().isAccepted())
                .andReturn();
        assertThat(second.getResponse().getContentAsString())
                .isEqualTo(first.getResponse().getContentAsString());
        client.login(email, "another good passphrase").andExpect(status().isUnauthorized());
        client.login(email, PASSWORD).andExpect(status().isOk());
    }

    @Test
    @Slow
    void registeringATakenOrAFreeEmailTakesTheSameTime() throws Exception {
        String taken = AuthClient.uniqueEmail();
        client.register(taken, PASSWORD).andExpect(status().isAccepted());
        TimingComparison.assertAlike(
                "registration: taken email, free email",
                0.15,
                16,
                () -> List.of(
                        round -> client.register(taken, PASSWORD).andExpect(status().isAccepted()),
                        round -> client.register(AuthClient.uniqueEmail(), PASSWORD)
                                .andExpect(status().isAccepted())));
    }

    @Test
    void passwordPolicyNamesTheRuleThatFailed() throws Exception {
        String email = "jonathan-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        expectWeak(email, "short1!", "at least 8");
        expectWeak(email, "a".repeat(129), "at most 128");
        expectWeak(email, "password1", "10,000 most common");
        expectWeak(email, "Sunny " + email.substring(0, email.indexOf('@')) + " day", "name part of your email");
        client.register(email, "x".repeat(32) + "y".repeat(32)).andExpect(status().isAccepted());
        client.login(email, "x".repeat(32) + "y".repeat(32)).andExpect(status().isOk());
    }

    private void expectWeak(String email, String password, String rule) throws Exception {
        client.register(email, password)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/weak-password"))
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(rule)));
        client.login(email, password).andExpect(status().isUnauthorized());
    }

    @Test
    void badRegistrationInputIsA400AndCreatesNothing() throws Exception {
        String email = AuthClient.uniqueEmail();
        for (String body : new String[] {
            "{\"email\":\"not-an-email\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"A\"}",
            "{\"email\":\"" + email + "\",\"displayName\":\"A\"}",
            "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                    + "\",\"displayName\":\"A\",\"roles\":[\"ADMIN\"]}",
            "{\"email\":\"" + email + "\",\"password\":123456789,\"displayName\":\"A\"}",
            "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + "d".repeat(101)
                    + "\"}",
            "{\"email\":\"a@b." + "c".repeat(260) + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"A\"}",
            "{\"email\":\"" + email + "\",\"password\":\"pass\\u0000word123\",\"displayName\":\"A\"}"
        }) {
            mvc.perform(post("/api/v1/auth/register")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", "application/problem+json"));
        }
        client.login(email, PASSWORD).andExpect(status().isUnauthorized());
    }
}

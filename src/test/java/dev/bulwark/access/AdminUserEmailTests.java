package dev.bulwark.access;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AdminUserEmailTests {

    @Autowired
    MockMvc mvc;

    @Test
    void anEmailThatGrowsPastTheLimitWhenLowerCasedIsAValidationErrorNotEmailTaken() throws Exception {
        // 252 characters as sent, 316 once lower-cased: "İ" (U+0130) lower-cases to two characters
        String email = "İ".repeat(64) + "@" + "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + ".test";
        new AdminClient(mvc)
                .perform(
                        post("/api/v1/admin/users"),
                        AuthClient.json("email", email, "password", AuthClient.PASSWORD, "displayName", "Long Address"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(Matchers.endsWith("/validation-failed")))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.everyItem(Matchers.is("email"))));
    }
}

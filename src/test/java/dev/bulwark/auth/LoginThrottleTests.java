package dev.bulwark.auth;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class LoginThrottleTests {

    @Autowired
    MockMvc mvc;

    @Test
    void afterTenFailuresAnAccountWaitsWithGrowingDelaysWhetherOrNotItExists() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String known = AuthClient.uniqueEmail();
        client.newUser(known);
        String unknown = AuthClient.uniqueEmail();
        for (String email : new String[] {known, unknown}) {
            for (int i = 1; i <= 11; i++) {
                assertThat(status(client.login(email, "wrong guess " + i).andReturn()))
                        .as("attempt " + i)
                        .isEqualTo(401);
            }
            MvcResult throttled = client.login(email, PASSWORD).andReturn();
            assertThat(status(throttled)).isEqualTo(429);
            assertThat(throttled.getResponse().getHeader("Retry-After")).isEqualTo("1");
            assertThat(throttled.getResponse().getContentAsString()).contains("too-many-requests");

            Thread.sleep(1_100);
            // the refused attempt counted too: this one (the 13th) is allowed and sets a 4 s delay for the next
            assertThat(status(client.login(email, "wrong guess 12").andReturn()))
                    .isEqualTo(401);
            MvcResult longer = client.login(email, "wrong guess 13").andReturn();
            assertThat(status(longer)).isEqualTo(429);
            assertThat(longer.getResponse().getHeader("Retry-After")).isEqualTo("4");
        }
        // Other accounts are not affected.
        client.login(AuthClient.uniqueEmail(), "anything at all")
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnauthorized());
    }

    @Test
    void aSuccessfulSignInResetsTheCount() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        client.newUser(email);
        for (int i = 0; i < 9; i++) {
            client.login(email, "wrong guess " + i);
        }
        assertThat(status(client.login(email, PASSWORD).andReturn())).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(status(client.login(email, "wrong again " + i).andReturn()))
                    .isEqualTo(401);
        }
        assertThat(status(client.login(email, PASSWORD).andReturn())).isEqualTo(200);
    }

    private static int status(MvcResult result) {
        return result.getResponse().getStatus();
    }
}

package dev.bulwark.auth;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.Slow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class LoginThrottleTests {

    @Autowired
    MockMvc mvc;

    @Test
    @Slow // waits out a real 1 s delay twice
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
            // the refused attempt counted nothing: this one (the 12th failure) is allowed and sets a 2 s delay, where
            // counting refusals made it 4 s (and an attacker retrying at once could stretch it to 15 minutes)
            assertThat(status(client.login(email, "wrong guess 12").andReturn()))
                    .isEqualTo(401);
            MvcResult longer = client.login(email, "wrong guess 13").andReturn();
            assertThat(status(longer)).isEqualTo(429);
            assertThat(longer.getResponse().getHeader("Retry-After")).isEqualTo("2");
        }
        // Other accounts are not affected.
        client.login(AuthClient.uniqueEmail(), "anything at all")
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isUnauthorized());
    }

    @Test
    void aStrangerFailingFromAnotherAddressCannotMakeTheOwnerWait() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        client.newUser(email);
        for (int i = 1; i <= 30; i++) {
            MvcResult guess = loginFrom("203.0.113.66", email, "stranger guess " + i);
            assertThat(status(guess)).as("attempt " + i).isEqualTo(i <= 11 ? 401 : 429);
        }
        MvcResult owner = loginFrom("198.51.100.20", email, PASSWORD);
        assertThat(status(owner)).as(owner.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(status(loginFrom("203.0.113.66", email, PASSWORD)))
                .as("the stranger's address still waits")
                .isEqualTo(429);
    }

    @Test
    void anIpv6ClientWaitsForItsWholeSlash64() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        client.newUser(email);
        for (int i = 1; i <= 11; i++) {
            assertThat(status(loginFrom("2001:db8:1:2::" + Integer.toHexString(i), email, "guess " + i)))
                    .isEqualTo(401);
        }
        assertThat(status(loginFrom("2001:db8:1:2:ffff::1", email, PASSWORD))).isEqualTo(429);
        assertThat(status(loginFrom("2001:db8:1:3::1", email, PASSWORD))).isEqualTo(200);
    }

    private MvcResult loginFrom(String address, String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/login")
                        .with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AuthClient.json("email", email, "password", password)))
                .andReturn();
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

package dev.bulwark.auth;

import static dev.bulwark.AuthClient.PASSWORD;
import static dev.bulwark.AuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.AuthClient.Tokens;
import dev.bulwark.IntegrationTest;
import dev.bulwark.TimingComparison;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuthFlowTests {

    @Autowired
    MockMvc mvc;

    AuthClient client;

    @BeforeEach
    void setUp() {
        client = new AuthClient(mvc);
    }

    @Test
    void fullFlowWorksAndLeaksNothingIntoTheLogs(CapturedOutput output) throws Exception {
        String email = AuthClient.uniqueEmail();
        client.register(email, PASSWORD).andExpect(status().isAccepted());
        MvcResult login = client.login(email, PASSWORD)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenType").value("Bearer"))
                .andExpect(jsonPath("$.expiresIn").value(600))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn();
        Tokens tokens = AuthClient.tokens(login);
        client.me(tokens)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.roles[0]").value("USER"));
        Tokens refreshed =
                AuthClient.tokens(client.refresh(tokens.refreshToken()).andReturn());
        client.me(refreshed).andExpect(status().isOk());
        mvc.perform(post("/api/v1/auth/logout").header("Authorization", refreshed.bearer()))
                .andExpect(status().isNoContent());

        client.me(refreshed)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-token"));
        client.refresh(refreshed.refreshToken()).andExpect(status().isUnauthorized());
        assertThat(output.getAll())
                .doesNotContain(PASSWORD)
                .doesNotContain(email)
                .doesNotContain(tokens.accessToken())
                .doesNotContain(tokens.refreshToken())
                .doesNotContain(refreshed.accessToken())
                .doesNotContain(refreshed.refreshToken())
                .contains("login.success");
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
    void reusingARotatedRefreshTokenRevokesTheWholeSession() throws Exception {
        Tokens first = client.newUser(AuthClient.uniqueEmail());
        Tokens second = AuthClient.tokens(client.refresh(first.refreshToken()).andReturn());

        client.refresh(first.refreshToken())
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-refresh-token"));
        client.refresh(second.refreshToken()).andExpect(status().isUnauthorized());
        client.me(second).andExpect(status().isUnauthorized());
    }

    @Test
    void concurrentRefreshesOfOneTokenLetExactlyOneSucceed() throws Exception {
        Tokens tokens = client.newUser(AuthClient.uniqueEmail());
        int attempts = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            calls.add(() -> {
                start.await();
                return client.refresh(tokens.refreshToken())
                        .andReturn()
                        .getResponse()
                        .getStatus();
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            List<Future<Integer>> results = calls.stream().map(pool::submit).toList();
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(attempts - 1);
        }
    }

    @Test
    void browsersGetTheRefreshTokenInAStrictCookieOnly() throws Exception {
        String email = AuthClient.uniqueEmail();
        client.register(email, PASSWORD);
        MvcResult login = mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                                + "\",\"tokenDelivery\":\"cookie\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refreshToken").doesNotExist())
                .andReturn();
        String setCookie = login.getResponse().getHeader("Set-Cookie");
        assertThat(setCookie)
                .startsWith("bulwark_refresh=")
                .contains("Path=/api/v1/auth")
                .contains("HttpOnly")
                .contains("Secure")
                .contains("SameSite=Strict");
        String value = setCookie.substring("bulwark_refresh=".length(), setCookie.indexOf(';'));
        mvc.perform(post("/api/v1/auth/refresh")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}")
                        .cookie(new Cookie("bulwark_refresh", value)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refreshToken").doesNotExist())
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.startsWith("bulwark_refresh=")));
    }

    @Test
    void garbageOrMissingRefreshTokensAre401() throws Exception {
        for (String cookie : new String[] {"garbage", "x".repeat(43), "%00", ""}) {
            mvc.perform(post("/api/v1/auth/refresh")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{}")
                            .cookie(new Cookie("bulwark_refresh", cookie)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-refresh-token"));
        }
        mvc.perform(post("/api/v1/auth/refresh")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/auth/refresh")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\": 5}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void sessionsAreListedAndOneCanBeRevokedFromAnother() throws Exception {
        String email = AuthClient.uniqueEmail();
        Tokens laptop = client.newUser(email);
        Tokens phone = client.signIn(email, PASSWORD);
        MvcResult list = mvc.perform(get("/api/v1/auth/sessions").header("Authorization", laptop.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andReturn();
        var sessions = tools.jackson.databind.json.JsonMapper.shared()
                .readTree(list.getResponse().getContentAsString());
        String phoneSession = null;
        for (var session : sessions) {
            if (!session.get("current").asBoolean()) {
                phoneSession = session.get("id").asString();
            }
        }
        assertThat(phoneSession).isNotNull();
        mvc.perform(delete("/api/v1/auth/sessions/" + phoneSession).header("Authorization", laptop.bearer()))
                .andExpect(status().isNoContent());
        client.me(phone).andExpect(status().isUnauthorized());
        client.refresh(phone.refreshToken()).andExpect(status().isUnauthorized());
        client.me(laptop).andExpect(status().isOk());
    }

    @Test
    void anotherUsersSessionCannotBeSeenOrRevoked() throws Exception {
        Tokens alice = client.newUser(AuthClient.uniqueEmail());
        Tokens mallory = client.newUser(AuthClient.uniqueEmail());
        String aliceSession = tools.jackson.databind.json.JsonMapper.shared()
                .readTree(mvc.perform(get("/api/v1/auth/sessions").header("Authorization", alice.bearer()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get(0)
                .get("id")
                .asString();
        mvc.perform(delete("/api/v1/auth/sessions/" + aliceSession).header("Authorization", mallory.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/auth/sessions/not-a-uuid").header("Authorization", mallory.bearer()))
                .andExpect(status().isBadRequest());
        client.me(alice).andExpect(status().isOk());
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

    @Test
    void tokensInTheWrongPlaceAreIgnored() throws Exception {
        Tokens tokens = client.newUser(AuthClient.uniqueEmail());
        mvc.perform(get("/api/v1/me").param("access_token", tokens.accessToken()))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").cookie(new Cookie("access_token", tokens.accessToken())))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").header("Authorization", tokens.accessToken()))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + tokens.refreshToken()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void jwksListsEverySigningKey() throws Exception {
        mvc.perform(get("/.well-known/jwks.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys.length()").value(2))
                .andExpect(jsonPath("$.keys[0].kty").value("RSA"))
                .andExpect(jsonPath("$.keys[0].kid").isString())
                .andExpect(jsonPath("$.keys[0].d").doesNotExist())
                .andExpect(jsonPath("$.keys[0].p").doesNotExist());
    }
}

package dev.bulwark.auth;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.AuthClient.Tokens;
import dev.bulwark.IntegrationTest;
import dev.bulwark.web.AccessLogLines;
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
        String last = "last-" + UUID.randomUUID();
        mvc.perform(get("/api/v1/ping").header("X-Request-ID", last));
        AccessLogLines.of(output, last); // every earlier access line is written by now
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

package dev.bulwark.account;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class AccountLifecycleTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService service;

    @Autowired
    AccountRepository repository;

    @Autowired
    Clock clock;

    AuthClient client;

    @BeforeEach
    void setUp() {
        client = new AuthClient(mvc);
    }

    @Test
    void disablingAnAccountStopsItsTokensAndSignIns() throws Exception {
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens tokens = client.newUser(email);
        disable(me(tokens));
        client.me(tokens).andExpect(status().isUnauthorized());
        client.refresh(tokens.refreshToken()).andExpect(status().isUnauthorized());
        client.login(email, PASSWORD)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-credentials"));
    }

    @Test
    void aBcryptHashStillWorksAndIsUpgradedToArgon2AtLogin() throws Exception {
        String email = AuthClient.uniqueEmail();
        String legacy = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
        UUID id = repository
                .saveAndFlush(Account.register(email, "Legacy", legacy, Roles.DEFAULT, clock))
                .id();
        client.login(email, PASSWORD).andExpect(status().isOk());
        assertThat(repository.findById(id).orElseThrow().passwordHash())
                .startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
        client.login(email, PASSWORD).andExpect(status().isOk());
    }

    @Test
    void aLongPasswordAgainstALegacyBcryptHashIsAWrongPasswordNotA500() throws Exception {
        String email = AuthClient.uniqueEmail();
        repository.saveAndFlush(Account.register(
                email, "Legacy", "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD), Roles.DEFAULT, clock));
        client.login(email, "é".repeat(100)).andExpect(status().isUnauthorized());
    }

    @Test
    void unknownEmailWrongPasswordAndDisabledAccountAnswerAlikeInTheSameTime() throws Exception {
        // Two accounts per case, alternating, so no account reaches the 10 attempts after which sign-ins are
        // throttled (which would answer 429 for all three alike).
        String[] known = {AuthClient.uniqueEmail(), AuthClient.uniqueEmail()};
        String[] disabled = {AuthClient.uniqueEmail(), AuthClient.uniqueEmail()};
        for (String email : known) {
            client.newUser(email);
        }
        for (String email : disabled) {
            disable(me(client.newUser(email)));
        }
        List<List<Long>> timings = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        String firstBody = null;
        for (int round = 0; round < 18; round++) {
            String[][] cases = {
                {AuthClient.uniqueEmail(), PASSWORD},
                {known[round % 2], "wrong password 123"},
                {disabled[round % 2], PASSWORD}
            };
            for (int i = 0; i < cases.length; i++) {
                long start = System.nanoTime();
                MvcResult result = client.login(cases[i][0], cases[i][1]).andReturn();
                timings.get(i).add(System.nanoTime() - start);
                assertThat(result.getResponse().getStatus()).isEqualTo(401);
                String body = result.getResponse().getContentAsString().replaceAll("\"requestId\":\"[^\"]+\"", "");
                if (firstBody == null) {
                    firstBody = body;
                }
                assertThat(body).isEqualTo(firstBody);
            }
        }
        List<Double> medians =
                timings.stream().map(AccountLifecycleTests::median).toList();
        double reference = medians.get(1); // a real account with a wrong password
        for (double median : medians) {
            assertThat(median / reference)
                    .as("median login times %s (ns)", medians)
                    .isBetween(0.9, 1.1);
        }
    }

    @Test
    void theBootstrapAdminIsCreatedOnceWithTheAdminRole() throws Exception {
        AuthClient.Tokens admin = client.signIn("admin@bootstrap.test", "bootstrap root passphrase");
        client.me(admin)
                .andExpect(jsonPath("$.roles[0]").value("ADMIN"))
                .andExpect(jsonPath("$.roles[1]").value("USER"));
        assertThat(service.register("admin@bootstrap.test", "another root passphrase", "X", Set.of(Roles.ADMIN)))
                .isFalse();
        client.login("admin@bootstrap.test", "bootstrap root passphrase").andExpect(status().isOk());
    }

    /** Disables an account the way an administrator does: through the admin API, as the bootstrap admin. */
    private void disable(String id) throws Exception {
        AuthClient.Tokens admin = client.signIn("admin@bootstrap.test", "bootstrap root passphrase");
        String user = mvc.perform(get("/api/v1/admin/users/" + id).header("Authorization", admin.bearer()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        long version = tools.jackson.databind.json.JsonMapper.shared()
                .readTree(user)
                .get("version")
                .asLong();
        mvc.perform(patch("/api/v1/admin/users/" + id)
                        .header("Authorization", admin.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\":false,\"version\":" + version + "}"))
                .andExpect(status().isOk());
    }

    private String me(AuthClient.Tokens tokens) throws Exception {
        String body = client.me(tokens).andReturn().getResponse().getContentAsString();
        return tools.jackson.databind.json.JsonMapper.shared()
                .readTree(body)
                .get("id")
                .asString();
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

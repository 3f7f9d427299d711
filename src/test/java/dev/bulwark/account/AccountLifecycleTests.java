package dev.bulwark.account;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.Slow;
import dev.bulwark.TimingComparison;
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
                .save(Account.register(email, "Legacy", legacy, BuiltInRoles.DEFAULT, clock))
                .id();
        client.login(email, PASSWORD).andExpect(status().isOk());
        assertThat(repository.findById(id).orElseThrow().passwordHash())
                .startsWith("{argon2-nfkc}$argon2id$v=19$m=19456,t=2,p=1$");
        client.login(email, PASSWORD).andExpect(status().isOk());
    }

    @Test
    void aLongPasswordAgainstALegacyBcryptHashIsAWrongPasswordNotA500() throws Exception {
        String email = AuthClient.uniqueEmail();
        repository.save(Account.register(
                email,
                "Legacy",
                "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD),
                BuiltInRoles.DEFAULT,
                clock));
        client.login(email, "é".repeat(100)).andExpect(status().isUnauthorized());
    }

    @Test
    @Slow
    void unknownEmailWrongPasswordAndDisabledAccountAnswerAlikeInTheSameTime() throws Exception {
        // Fresh accounts per batch, three per case taken in turn, so none reaches the 10 attempts after which
        // sign-ins are throttled (which would answer 429 for all three alike).
        int accounts = 3;
        List<String> bodies = new ArrayList<>();
        TimingComparison.assertAlike("sign-in: wrong password, unknown email, disabled account", 0.1, 27, () -> {
            List<String> known = new ArrayList<>();
            List<String> disabled = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                known.add(AuthClient.uniqueEmail());
                client.newUser(known.getLast());
                disabled.add(AuthClient.uniqueEmail());
                disable(me(client.newUser(disabled.getLast())));
            }
            return List.of(
                    round -> bodies.add(refusedLogin(known.get(round % accounts), "wrong password 123")),
                    round -> bodies.add(refusedLogin(AuthClient.uniqueEmail(), PASSWORD)),
                    round -> bodies.add(refusedLogin(disabled.get(round % accounts), PASSWORD)));
        });
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(81).allMatch(body -> body.equals(bodies.getFirst()));
    }

    /** The 401 body of a refused sign-in, without its request and trace ids (each request has its own). */
    private String refusedLogin(String email, String password) throws Exception {
        MvcResult result = client.login(email, password).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        String body = result.getResponse().getContentAsString();
        assertThat(body).containsPattern("\"requestId\":\"[^\"]+\",\"traceId\":\"[0-9a-f]{32}\"");
        return body.replaceAll("\"requestId\":\"[^\"]+\",\"traceId\":\"[0-9a-f]{32}\"", "");
    }

    @Test
    void theBootstrapAdminIsCreatedOnceWithTheAdminRole() throws Exception {
        AuthClient.Tokens admin = client.signIn("admin@bootstrap.test", "bootstrap root passphrase");
        client.me(admin)
                .andExpect(jsonPath("$.roles[0]").value("ADMIN"))
                .andExpect(jsonPath("$.roles[1]").value("USER"));
        assertThat(service.register("admin@bootstrap.test", "another root passphrase", "X", Set.of(BuiltInRoles.ADMIN)))
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
}

package dev.bulwark.auth;

import static dev.bulwark.AuthClient.PASSWORD;
import static dev.bulwark.AuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.access.AdminClient;
import dev.bulwark.account.Accounts;
import dev.bulwark.account.CredentialCheck;
import dev.bulwark.common.HashingPool;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Issue 12: a password change evicts every session, also one whose sign-in overlapped the change. */
@IntegrationTest
class PasswordChangeEvictionTests {

    @Autowired
    HashingPool hashing;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    SessionService sessions;

    @Autowired
    AuthSessionRepository sessionRows;

    @Autowired
    AuthProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSignInThatCheckedTheOldPasswordCannotStartItsSessionAfterTheChange() throws Exception {
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens owner = new AuthClient(mvc).newUser(email);
        // The attacker's sign-in has checked the old password (the ~57 ms before its session is written) ...
        CredentialCheck.Accepted attacker = (CredentialCheck.Accepted)
                accounts.checkCredentials(email, PASSWORD, hashing.claim().orElseThrow());
        // ... when the owner changes the password and every session it can see is revoked.
        mvc.perform(post("/api/v1/me/password")
                        .header("Authorization", owner.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("currentPassword", PASSWORD, "newPassword", "the owner's new passphrase")))
                .andExpect(status().isNoContent());
        UUID id = attacker.account().id();

        assertThatThrownBy(() -> sessions.start(attacker.account(), "attacker"))
                .isInstanceOf(AuthProblems.InvalidCredentials.class);
        assertThat(sessionRows.findActiveIds(id, java.time.Instant.now())).containsExactly(sessionId(owner));
        new AuthClient(mvc).refresh(owner.refreshToken()).andExpect(status().isOk()); // the changer's own session
    }

    @Test
    void aSignInThatCheckedThePasswordBeforeADemotionOrDisableCannotStartItsSession() throws Exception {
        AdminClient admin = new AdminClient(mvc);
        for (String change : new String[] {"\"roles\":[\"USER\"]", "\"enabled\":false"}) {
            String email = AuthClient.uniqueEmail();
            JsonNode created = admin.createUser(email, "ADMIN");
            // The sign-in has checked the password and read the account (with ADMIN, enabled) ...
            CredentialCheck.Accepted signIn = (CredentialCheck.Accepted)
                    accounts.checkCredentials(email, PASSWORD, hashing.claim().orElseThrow());
            // ... when an administrator demotes or disables the account and its sessions are revoked.
            admin.perform(
                            patch("/api/v1/admin/users/" + created.get("id").asString()),
                            "{" + change + ",\"version\":"
                                    + created.get("version").asLong() + "}")
                    .andExpect(status().isOk());

            assertThatThrownBy(() -> sessions.start(signIn.account(), "late"))
                    .as("a token with the roles and enabled flag from before %s", change)
                    .isInstanceOf(AuthProblems.InvalidCredentials.class);
            assertThat(sessionRows.findActiveIds(signIn.account().id(), java.time.Instant.now()))
                    .isEmpty();
        }
    }

    @Test
    void aRefreshOfASessionStartedBeforeThePasswordChangedIsRefusedAndRevokesIt() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens tokens = client.newUser(email);
        UUID sessionId = sessionId(tokens);
        // A password written without this session being revoked (the race the version closes).
        jdbc.sql("update account set credential_version = credential_version + 1 where email = ?")
                .param(email)
                .update();

        client.refresh(tokens.refreshToken())
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-refresh-token"));
        assertThat(sessionRows.findById(sessionId).orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void oneSessionBeyondTheCapEndsTheOldest() throws Exception {
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens first = new AuthClient(mvc).newUser(email);
        CredentialCheck.Accepted accepted = (CredentialCheck.Accepted)
                accounts.checkCredentials(email, PASSWORD, hashing.claim().orElseThrow());
        for (int i = 1; i < properties.maxSessions(); i++) {
            sessions.start(accepted.account(), "device " + i);
        }
        UUID id = accepted.account().id();
        assertThat(sessionRows.findById(sessionId(first)).orElseThrow().revokedAt())
                .isNull();

        sessions.start(accepted.account(), "one too many");

        assertThat(sessionRows.findActiveIds(id, java.time.Instant.now())).hasSize(properties.maxSessions());
        assertThat(sessionRows.findById(sessionId(first)).orElseThrow().revokedAt())
                .isNotNull();
        new AuthClient(mvc).refresh(first.refreshToken()).andExpect(status().isUnauthorized());
    }

    private static UUID sessionId(AuthClient.Tokens tokens) throws Exception {
        return UUID.fromString(
                SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet().getStringClaim("sid"));
    }
}

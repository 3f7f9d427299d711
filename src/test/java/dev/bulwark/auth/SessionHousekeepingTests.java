package dev.bulwark.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.TestHttp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class SessionHousekeepingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SessionService sessions;

    @Autowired
    AuthSessionRepository sessionRows;

    @LocalManagementPort
    int managementPort;

    @Test
    void endedSessionsAreDeletedWithTheirRefreshTokensAndLiveOnesKept() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens ended = client.newUser(email);
        AuthClient.Tokens live = client.signIn(email, AuthClient.PASSWORD);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/auth/logout")
                .header("Authorization", ended.bearer()));
        UUID endedId = sessionId(ended);
        UUID liveId = sessionId(live);

        sessions.deleteEndedBefore(Instant.now().plusSeconds(60));

        assertThat(sessionRows.findById(endedId)).isEmpty();
        assertThat(sessionRows.findById(liveId)).isPresent();
        client.refresh(live.refreshToken())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isOk());
    }

    @Test
    void securityEventsAreCountedInPrometheus() throws Exception {
        AuthClient client = new AuthClient(mvc);
        client.login(AuthClient.uniqueEmail(), "no such account here").andReturn();
        AuthClient.Tokens tokens = client.newUser(AuthClient.uniqueEmail());
        AuthClient.tokens(client.refresh(tokens.refreshToken()).andReturn());
        client.refresh(tokens.refreshToken()).andReturn(); // reuse
        String metrics =
                TestHttp.port(managementPort).get("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("bulwark_auth_logins_total\\{[^}]*outcome=\"failure\"[^}]*} [1-9]")
                .containsPattern("bulwark_auth_logins_total\\{[^}]*outcome=\"success\"[^}]*} [1-9]")
                .containsPattern("bulwark_auth_refresh_reuse_total(\\{[^}]*})? [1-9]");
    }

    private UUID sessionId(AuthClient.Tokens tokens) throws Exception {
        return UUID.fromString(com.nimbusds.jwt.SignedJWT.parse(tokens.accessToken())
                .getJWTClaimsSet()
                .getStringClaim("sid"));
    }
}

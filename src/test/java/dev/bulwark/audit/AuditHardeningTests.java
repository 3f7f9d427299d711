package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.access.AdminClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12 item 9: the trail is append-only in the database and records what it missed, atomically. */
@IntegrationTest
class AuditHardeningTests {

    final MockMvc mvc;
    final JdbcClient jdbc;
    final AdminClient admin;

    AuditHardeningTests(@Autowired MockMvc mvc, @Autowired JdbcClient jdbc) throws Exception {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.admin = new AdminClient(mvc);
    }

    @Test
    void theDatabaseRefusesToUpdateDeleteOrTruncateAuditRows() throws Exception {
        admin.auth.login(AuthClient.uniqueEmail(), "no such password 1");
        long rows = count();
        assertThat(rows).isPositive();
        assertThatThrownBy(() ->
                        jdbc.sql("update audit_event set action = 'forged'").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(count()).isGreaterThanOrEqualTo(rows);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'forged'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theUserExportIsRecordedWithItsActor() throws Exception {
        String adminId =
                AdminClient.json(admin.perform(get("/api/v1/me"))).get("id").asString();
        long before = count("users.exported", adminId);
        admin.perform(get("/api/v1/admin/users/export")).andExpect(status().isOk());
        assertThat(count("users.exported", adminId)).isEqualTo(before + 1);
    }

    @Test
    void aRefusedEscalationIsRecordedAlthoughItsTransactionRollsBack() throws Exception {
        String role = AdminClient.uniqueRole();
        admin.perform(
                post("/api/v1/admin/roles"),
                "{\"name\":\"" + role + "\",\"description\":\"x\",\"permissions\":[\"roles:read\",\"roles:write\"]}");
        String email = AuthClient.uniqueEmail();
        String managerId = admin.createUser(email, role).get("id").asString();
        AuthClient.Tokens manager = admin.auth.signIn(email, AuthClient.PASSWORD);
        mvc.perform(post("/api/v1/admin/roles")
                        .header("Authorization", manager.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + AdminClient.uniqueRole()
                                + "\",\"description\":\"x\",\"permissions\":[\"users:write\"]}"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select details from audit_event where action = 'access.escalation_refused'"
                                + " and actor_id = ?")
                        .param(UUID.fromString(managerId))
                        .query(String.class)
                        .list())
                .containsExactly("missing=users:write");
    }

    @Test
    void aThrottledSignInIsRecorded() throws Exception {
        String email = AuthClient.uniqueEmail();
        admin.auth.newUser(email);
        long before = count("login.throttled", null);
        int status = 0;
        for (int attempt = 0; attempt < 40 && status != 429; attempt++) {
            status = admin.auth
                    .login(email, "wrong password " + attempt)
                    .andReturn()
                    .getResponse()
                    .getStatus();
        }
        assertThat(status).isEqualTo(429);
        assertThat(count("login.throttled", null)).isGreaterThan(before);
    }

    /**
     * The reset and its audit row commit together. The test makes the insert of this account's reset row fail (a
     * trigger of its own); the reset must then not happen. Written after the commit, it did.
     */
    @Test
    void aResetWhoseAuditRowCannotBeWrittenDoesNotHappenAndACommittedOneIsRecorded() throws Exception {
        String email = AuthClient.uniqueEmail();
        String id = admin.createUser(email).get("id").asString();
        String reset = "/api/v1/admin/users/" + id + "/password";
        refuseAuditRowsFor(id);
        try {
            admin.perform(post(reset), "{\"newPassword\":\"a brand new passphrase\"}")
                    .andExpect(status().is5xxServerError());
        } finally {
            jdbc.sql("drop trigger audit_probe_" + id.replace("-", "") + " on audit_event")
                    .update();
        }
        admin.auth.login(email, AuthClient.PASSWORD).andExpect(status().isOk());
        assertThat(count("user.password_reset", null, id)).isZero();
        admin.perform(post(reset), "{\"newPassword\":\"a brand new passphrase\"}")
                .andExpect(status().is2xxSuccessful());
        admin.auth.login(email, "a brand new passphrase").andExpect(status().isOk());
        assertThat(count("user.password_reset", null, id)).isOne();
    }

    private void refuseAuditRowsFor(String target) {
        String name = "audit_probe_" + target.replace("-", "");
        jdbc.sql("create or replace function " + name + "() returns trigger language plpgsql as $$ begin"
                        + " raise exception 'audit write refused by the test'; end; $$")
                .update();
        jdbc.sql("create trigger " + name + " before insert on audit_event for each row"
                        + " when (new.action = 'user.password_reset' and new.target = '" + target
                        + "') execute function " + name + "()")
                .update();
    }

    private long count() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    private long count(String action, @Nullable String actorId) {
        return count(action, actorId, null);
    }

    private long count(String action, @Nullable String actorId, @Nullable String target) {
        StringBuilder sql = new StringBuilder("select count(*) from audit_event where action = ?");
        List<Object> params = new ArrayList<>(List.of(action));
        if (actorId != null) {
            sql.append(" and actor_id = ?");
            params.add(UUID.fromString(actorId));
        }
        if (target != null) {
            sql.append(" and target = ?");
            params.add(target);
        }
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }
}

package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.access.AdminClient;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The audit trail, written by the other modules' events and read through the admin API. */
@IntegrationTest
class AuditTrailTests {

    final AdminClient admin;

    AuditTrailTests(@Autowired MockMvc mvc) throws Exception {
        admin = new AdminClient(mvc);
    }

    @Test
    void securityRelevantChangesAreRecordedWithWhoWhatWhenRequestIdAndIp() throws Exception {
        String adminId =
                AdminClient.json(admin.perform(get("/api/v1/me"))).get("id").asString();
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        String id = user.get("id").asString();
        admin.perform(
                        patch("/api/v1/admin/users/" + id).header("X-Request-ID", "audit-probe-1"),
                        "{\"enabled\":false,\"version\":" + user.get("version").asLong() + "}")
                .andExpect(status().isOk());

        JsonNode records = AdminClient.json(
                        admin.perform(get("/api/v1/admin/audit").param("target", id)))
                .get("items");
        Set<String> actions = new HashSet<>();
        records.forEach(r -> actions.add(r.get("action").asString()));
        assertThat(actions).contains("user.created", "user.disabled", "sessions.revoked");
        JsonNode disabled = null;
        for (JsonNode r : records) {
            if (r.get("action").asString().equals("user.disabled")) {
                disabled = r;
            }
        }
        assertThat(disabled).isNotNull();
        assertThat(disabled.get("actorId").asString()).isEqualTo(adminId);
        assertThat(disabled.get("requestId").asString()).isEqualTo("audit-probe-1");
        assertThat(disabled.get("clientIp").asString()).isEqualTo("127.0.0.1");
        assertThat(disabled.get("occurredAt").asString()).isNotBlank();
    }

    @Test
    void signInEventsAndRoleChangesAreRecordedToo() throws Exception {
        admin.auth.login(AuthClient.uniqueEmail(), "no such password").andExpect(status().isUnauthorized());
        String role = AdminClient.uniqueRole();
        JsonNode created = AdminClient.json(admin.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/admin/roles"),
                "{\"name\":\"" + role + "\",\"description\":\"x\",\"permissions\":[]}"));
        admin.perform(
                put("/api/v1/admin/roles/" + role + "/permissions"),
                "{\"permissions\":[\"audit:read\"],\"version\":"
                        + created.get("version").asLong() + "}");
        admin.perform(delete("/api/v1/admin/roles/" + role));

        admin.perform(get("/api/v1/admin/audit")
                        .param("action", "login.failure")
                        .param("limit", "1"))
                .andExpect(jsonPath("$.items.length()").value(1));
        admin.perform(get("/api/v1/admin/audit").param("target", role))
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.items[0].action").value("role.deleted"))
                .andExpect(jsonPath("$.items[1].action").value("role.permissions_changed"))
                .andExpect(jsonPath("$.items[2].action").value("role.created"));
    }

    @Test
    void theTrailPagesNewestFirstAndHasNoWriteRoutes() throws Exception {
        JsonNode first =
                AdminClient.json(admin.perform(get("/api/v1/admin/audit").param("limit", "2")));
        String next = first.get("next").asString();
        JsonNode second = AdminClient.json(
                admin.perform(get("/api/v1/admin/audit").param("limit", "2").param("after", next)));
        String lastOfFirst = first.get("items").get(1).get("occurredAt").asString();
        String firstOfSecond = second.get("items").get(0).get("occurredAt").asString();
        assertThat(firstOfSecond.compareTo(lastOfFirst)).isLessThanOrEqualTo(0);
        admin.perform(delete("/api/v1/admin/audit")).andExpect(status().isMethodNotAllowed());
        admin.perform(get("/api/v1/admin/audit").param("action", "DROP TABLE")).andExpect(status().isBadRequest());
        admin.perform(get("/api/v1/admin/audit").param("actorId", "nope")).andExpect(status().isBadRequest());
    }
}

package dev.bulwark.access;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/** Holders of users:write or roles:write cannot give themselves (or anyone) more than they hold. */
@IntegrationTest
class PrivilegeEscalationTests {

    @Autowired
    MockMvc mvc;

    AdminClient admin;
    AuthClient.Tokens support;
    AuthClient.Tokens roleManager;
    String supportRole;
    String managerRole;

    @BeforeEach
    void setUp() throws Exception {
        admin = new AdminClient(mvc);
        supportRole = RoleAdministrationTests.uniqueRole();
        managerRole = RoleAdministrationTests.uniqueRole();
        admin.perform(
                post("/api/v1/admin/roles"),
                "{\"name\":\"" + supportRole
                        + "\",\"description\":\"support\",\"permissions\":[\"users:read\",\"users:write\"]}");
        admin.perform(
                post("/api/v1/admin/roles"),
                "{\"name\":\"" + managerRole
                        + "\",\"description\":\"roles\",\"permissions\":[\"roles:read\",\"roles:write\"]}");
        String supportEmail = AuthClient.uniqueEmail();
        String managerEmail = AuthClient.uniqueEmail();
        admin.createUser(supportEmail, supportRole);
        admin.createUser(managerEmail, managerRole);
        support = admin.auth.signIn(supportEmail, AuthClient.PASSWORD);
        roleManager = admin.auth.signIn(managerEmail, AuthClient.PASSWORD);
    }

    private ResultActions as(AuthClient.Tokens tokens, MockHttpServletRequestBuilder request, String body)
            throws Exception {
        return mvc.perform(request.header("Authorization", tokens.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Autowired
    JdbcClient jdbc;

    /**
     * A role widened elsewhere a moment ago (here: in the database, as another instance would, with this instance's
     * 5-second role snapshot still holding the old grants) is judged by what it grants now.
     */
    @Test
    void aRoleWidenedMomentsAgoIsJudgedByWhatItNowGrants() throws Exception {
        String widened = RoleAdministrationTests.uniqueRole();
        admin.perform(
                post("/api/v1/admin/roles"),
                "{\"name\":\"" + widened + "\",\"description\":\"empty\",\"permissions\":[\"users:read\"]}");
        // the snapshot is loaded with the role's old grants ...
        as(support, post("/api/v1/admin/users"), newUser(widened)).andExpect(status().isCreated());
        // ... when it gains roles:write, which the support role does not hold
        jdbc.sql("insert into role_permission (role_name, permission) values (?, 'roles:write')")
                .param(widened)
                .update();

        as(support, post("/api/v1/admin/users"), newUser(widened))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/privilege-escalation"));
    }

    private static String newUser(String role) {
        return "{\"email\":\"" + AuthClient.uniqueEmail() + "\",\"password\":\"" + AuthClient.PASSWORD
                + "\",\"displayName\":\"X\",\"roles\":[\"" + role + "\"]}";
    }

    @Test
    void usersWriteCannotCreateOrPromoteAnAdmin() throws Exception {
        as(
                        support,
                        post("/api/v1/admin/users"),
                        "{\"email\":\"" + AuthClient.uniqueEmail() + "\",\"password\":\"" + AuthClient.PASSWORD
                                + "\",\"displayName\":\"X\",\"roles\":[\"ADMIN\"]}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/privilege-escalation"));
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        as(
                        support,
                        patch("/api/v1/admin/users/" + user.get("id").asString()),
                        "{\"roles\":[\"ADMIN\"],\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isForbidden());
        // within its own permissions it works
        as(
                        support,
                        patch("/api/v1/admin/users/" + user.get("id").asString()),
                        "{\"displayName\":\"Fine\",\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isOk());
    }

    @Test
    void usersWriteCannotTakeOverOrDeleteAnAdmin() throws Exception {
        String adminId =
                AdminClient.json(admin.perform(get("/api/v1/me"))).get("id").asString();
        as(support, post("/api/v1/admin/users/" + adminId + "/password"), "{\"newPassword\":\"taken over passphrase\"}")
                .andExpect(status().isForbidden());
        as(support, delete("/api/v1/admin/users/" + adminId), "").andExpect(status().isForbidden());
        admin.auth.login(AdminClient.ADMIN_EMAIL, AdminClient.ADMIN_PASSWORD).andExpect(status().isOk());
    }

    /** Issue 12 item 7: USER reaches every account, so only a caller holding every permission may change it. */
    @Test
    void onlyAFullAdminChangesWhatTheBuiltInUserRoleGrants() throws Exception {
        JsonNode user = null;
        for (JsonNode role : AdminClient.json(admin.perform(get("/api/v1/admin/roles")))) {
            if (role.get("name").asString().equals("USER")) {
                user = role;
            }
        }
        org.assertj.core.api.Assertions.assertThat(user).isNotNull();
        String permissions = user.get("permissions").toString();
        as(
                        roleManager,
                        put("/api/v1/admin/roles/USER/permissions"),
                        "{\"permissions\":[\"roles:read\"],\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/privilege-escalation"));
        as(
                        roleManager,
                        put("/api/v1/admin/roles/USER/permissions"),
                        "{\"permissions\":" + permissions + ",\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isForbidden());
        JsonNode unchanged = AdminClient.json(admin.perform(get("/api/v1/admin/roles")));
        for (JsonNode role : unchanged) {
            if (role.get("name").asString().equals("USER")) {
                org.assertj.core.api.Assertions.assertThat(
                                role.get("permissions").toString())
                        .isEqualTo(permissions);
                org.assertj.core.api.Assertions.assertThat(role.get("version").asLong())
                        .isEqualTo(user.get("version").asLong());
            }
        }
    }

    @Test
    void rolesWriteCannotGrantPermissionsItLacks() throws Exception {
        long version = AdminClient.json(admin.perform(get("/api/v1/admin/roles"))).findValues("name").stream()
                .count(); // just to touch the list
        JsonNode roles = AdminClient.json(admin.perform(get("/api/v1/admin/roles")));
        long managerVersion = 0;
        for (JsonNode role : roles) {
            if (role.get("name").asString().equals(managerRole)) {
                managerVersion = role.get("version").asLong();
            }
        }
        as(
                        roleManager,
                        put("/api/v1/admin/roles/" + managerRole + "/permissions"),
                        "{\"permissions\":[\"roles:read\",\"roles:write\",\"users:write\"],\"version\":"
                                + managerVersion + "}")
                .andExpect(status().isForbidden());
        as(
                        roleManager,
                        post("/api/v1/admin/roles"),
                        "{\"name\":\"" + RoleAdministrationTests.uniqueRole()
                                + "\",\"description\":\"x\",\"permissions\":[\"audit:read\"]}")
                .andExpect(status().isForbidden());
        as(
                        roleManager,
                        post("/api/v1/admin/roles"),
                        "{\"name\":\"" + RoleAdministrationTests.uniqueRole()
                                + "\",\"description\":\"x\",\"permissions\":[\"roles:read\"]}")
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/admin/users").header("Authorization", roleManager.bearer()))
                .andExpect(status().isForbidden());
        org.assertj.core.api.Assertions.assertThat(version).isPositive();
    }
}

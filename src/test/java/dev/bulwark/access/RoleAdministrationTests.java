package dev.bulwark.access;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class RoleAdministrationTests {

    @Autowired
    MockMvc mvc;

    AdminClient admin;

    @BeforeEach
    void setUp() throws Exception {
        admin = new AdminClient(mvc);
    }

    static String uniqueRole() {
        return "ROLE_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    @Test
    void builtInRolesAreListedWithTheirPermissions() throws Exception {
        admin.perform(get("/api/v1/admin/roles"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'ADMIN')].permissions[*]")
                        .value(org.hamcrest.Matchers.hasItems(
                                "users:read", "users:write", "roles:read", "roles:write", "audit:read")))
                .andExpect(jsonPath("$[?(@.name == 'USER')].builtIn").value(org.hamcrest.Matchers.contains(true)));
    }

    @Test
    void aCustomRoleGrantsItsPermissionsWithinSecondsOfAChange() throws Exception {
        String role = uniqueRole();
        JsonNode created = AdminClient.json(admin.perform(
                        post("/api/v1/admin/roles"),
                        "{\"name\":\"" + role + "\",\"description\":\"Reads users\",\"permissions\":[\"users:read\"]}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/admin/roles/" + role)));
        String email = AuthClient.uniqueEmail();
        admin.createUser(email, role);
        AuthClient.Tokens reader = admin.auth.signIn(email, AuthClient.PASSWORD);
        mvc.perform(get("/api/v1/admin/users").header("Authorization", reader.bearer()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/admin/audit").header("Authorization", reader.bearer()))
                .andExpect(status().isForbidden());

        admin.perform(
                        put("/api/v1/admin/roles/" + role + "/permissions"),
                        "{\"permissions\":[\"audit:read\"],\"version\":"
                                + created.get("version").asLong() + "}")
                .andExpect(status().isOk());
        // the same token, no new sign-in: permissions come from the role, not the token
        mvc.perform(get("/api/v1/admin/audit").header("Authorization", reader.bearer()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/admin/users").header("Authorization", reader.bearer()))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAssignedRoleCannotBeDeletedAndABuiltInOneNever() throws Exception {
        String role = uniqueRole();
        admin.perform(
                        post("/api/v1/admin/roles"),
                        "{\"name\":\"" + role + "\",\"description\":\"x\",\"permissions\":[]}")
                .andExpect(status().isCreated());
        JsonNode user = admin.createUser(AuthClient.uniqueEmail(), role);
        admin.perform(delete("/api/v1/admin/roles/" + role))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/role-in-use"));
        admin.perform(
                        patch("/api/v1/admin/users/" + user.get("id").asString()),
                        "{\"roles\":[\"USER\"],\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isOk());
        admin.perform(delete("/api/v1/admin/roles/" + role)).andExpect(status().isNoContent());
        admin.perform(delete("/api/v1/admin/roles/" + role)).andExpect(status().isNotFound());
        admin.perform(delete("/api/v1/admin/roles/ADMIN"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/role-protected"));
        admin.perform(delete("/api/v1/admin/roles/USER")).andExpect(status().isConflict());
    }

    @Test
    void oddRoleNamesUnknownPermissionsAndDuplicatesAreRefused() throws Exception {
        for (String name :
                new String[] {"admin", "A", "ROLE WITH SPACE", "ROLE/../X", "RÔLE", "X".repeat(65), "1ROLE"}) {
            admin.perform(
                            post("/api/v1/admin/roles"),
                            "{\"name\":\"" + name + "\",\"description\":\"x\",\"permissions\":[]}")
                    .andExpect(status().isBadRequest());
        }
        admin.perform(
                        post("/api/v1/admin/roles"),
                        "{\"name\":\"" + uniqueRole() + "\",\"description\":\"x\",\"permissions\":[\"root:all\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/unknown-permission"));
        admin.perform(post("/api/v1/admin/roles"), "{\"name\":\"ADMIN\",\"description\":\"x\",\"permissions\":[]}")
                .andExpect(status().isConflict());
        admin.perform(delete("/api/v1/admin/roles/bad%20name")).andExpect(status().isBadRequest());
        admin.perform(put("/api/v1/admin/roles/ADMIN/permissions"), "{\"permissions\":[],\"version\":0}")
                .andExpect(status().isConflict());
    }
}

package dev.bulwark.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.DocBlocks;
import dev.bulwark.IntegrationTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The permissions come from the {@code permission} table, which each capability's migration extends: ADMIN holds
 * every one of them, and docs/security.md lists them as the table has them.
 */
@IntegrationTest
class PermissionCatalogueTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    record Row(String name, String description) {}

    @Test
    void adminHoldsEveryPermissionOfTheCatalogue() throws Exception {
        JsonNode roles = AdminClient.json(
                new AdminClient(mvc).perform(get("/api/v1/admin/roles")).andExpect(status().isOk()));
        Set<String> admin = new TreeSet<>();
        for (JsonNode role : roles) {
            if (role.get("name").asString().equals("ADMIN")) {
                role.get("permissions").forEach(p -> admin.add(p.asString()));
            }
        }
        assertThat(admin)
                .containsExactlyInAnyOrderElementsOf(
                        catalogue().stream().map(Row::name).toList())
                .contains("users:read", "users:write", "roles:read", "roles:write", "audit:read");
    }

    @Test
    void docsListEveryPermission() throws Exception {
        StringBuilder table = new StringBuilder("| permission | allows |\n|---|---|\n");
        for (Row row : catalogue()) {
            table.append("| `")
                    .append(row.name())
                    .append("` | ")
                    .append(row.description())
                    .append(" |\n");
        }
        DocBlocks.assertCurrent(Path.of("docs/security.md"), "permissions", table.toString());
    }

    private List<Row> catalogue() {
        return jdbc.sql("select name, description from permission order by name collate \"C\"")
                .query(Row.class)
                .list();
    }
}

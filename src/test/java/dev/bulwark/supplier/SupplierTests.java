package dev.bulwark.supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.access.AdminClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Suppliers through HTTP, as a client sees them: each route, each rule, each refusal. */
@IntegrationTest
class SupplierTests {

    static final String PATH = "/api/v1/suppliers";

    final MockMvc mvc;
    final AdminClient admin;

    SupplierTests(@Autowired MockMvc mvc) throws Exception {
        this.mvc = mvc;
        this.admin = new AdminClient(mvc);
    }

    /** A body that passes every rule; unique fields get values no other call uses. */
    static ObjectNode valid() {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("name", "Supplier " + unique(8));
        return body;
    }

    @Test
    void anAdminCreatesReadsChangesAndDeletesASupplier() throws Exception {
        ObjectNode body = valid();
        var response = admin.perform(post(PATH), body.toString())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value(body.get("name").asString()));
        JsonNode created = AdminClient.json(response);
        String id = created.get("id").asString();
        assertThat(response.andReturn().getResponse().getHeader("Location")).isEqualTo(PATH + "/" + id);
        admin.perform(get(PATH + "/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
        assertThat(AdminClient.json(admin.perform(get(PATH + "/" + id)))).isEqualTo(created);

        ObjectNode changes = valid().put("version", created.get("version").asLong());
        admin.perform(patch(PATH + "/" + id), changes.toString())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(changes.get("name").asString()))
                .andExpect(jsonPath("$.version").value(created.get("version").asLong() + 1));

        admin.perform(delete(PATH + "/" + id)).andExpect(status().isNoContent());
        admin.perform(get(PATH + "/" + id)).andExpect(status().isNotFound());
        assertThat(auditActions(id))
                .containsExactlyInAnyOrder("supplier.created", "supplier.updated", "supplier.deleted");
    }

    @Test
    void eachInvalidFieldIsRefusedByName() throws Exception {
        List<Invalid> cases = List.of(
                new Invalid("name", null),
                new Invalid("name", "\"\""),
                new Invalid("name", "\"   \""),
                new Invalid("name", "\"" + "x".repeat(101) + "\""),
                new Invalid("name", "\"tab\\tname\""),
                new Invalid("name", "{}"),
                new Invalid("unknownField", "1"));
        for (Invalid invalid : cases) {
            var response = admin.perform(post(PATH), invalid.applyTo(valid()))
                    .andReturn()
                    .getResponse();
            String answer = response.getContentAsString();
            assertThat(response.getStatus()).as(invalid + " answered " + answer).isEqualTo(400);
            assertThat(answer)
                    .as(invalid.toString())
                    .contains("/validation-failed\"")
                    .contains("\"field\":\"" + invalid.field() + "\"");
        }
    }

    @Test
    void aPartialUpdateKeepsWhatItLeavesOutAndChecksWhatItNames() throws Exception {
        JsonNode created = create();
        String id = created.get("id").asString();
        long version = created.get("version").asLong();
        admin.perform(patch(PATH + "/" + id), "{\"name\":\"  \",\"version\":" + version + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        admin.perform(patch(PATH + "/" + id), "{\"name\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        admin.perform(patch(PATH + "/" + id), "{\"version\":" + version + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(created.get("name").asString()));
    }

    @Test
    void anonymousCallersAre401AndUsersMayOnlyRead() throws Exception {
        String id = create().get("id").asString();
        mvc.perform(get(PATH)).andExpect(status().isUnauthorized());
        mvc.perform(get(PATH + "/" + id)).andExpect(status().isUnauthorized());
        mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content(valid().toString()))
                .andExpect(status().isUnauthorized());

        String user = new AuthClient(mvc).newUser(AuthClient.uniqueEmail()).bearer();
        mvc.perform(get(PATH).header("Authorization", user)).andExpect(status().isOk());
        mvc.perform(get(PATH + "/" + id).header("Authorization", user)).andExpect(status().isOk());
        mvc.perform(post(PATH)
                        .header("Authorization", user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(valid().toString()))
                .andExpect(status().isForbidden());
        mvc.perform(patch(PATH + "/" + id)
                        .header("Authorization", user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":0}"))
                .andExpect(status().isForbidden());
        mvc.perform(delete(PATH + "/" + id).header("Authorization", user)).andExpect(status().isForbidden());
        admin.perform(get(PATH + "/" + id)).andExpect(status().isOk());
    }

    @Test
    void anUnknownSupplierIs404AndAMalformedIdIs400() throws Exception {
        String unknown = PATH + "/" + UUID.randomUUID();
        admin.perform(get(unknown))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/not-found")));
        admin.perform(patch(unknown), "{\"version\":0}").andExpect(status().isNotFound());
        admin.perform(delete(unknown)).andExpect(status().isNotFound());
        admin.perform(get(PATH + "/not-a-uuid")).andExpect(status().isBadRequest());
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() throws Exception {
        JsonNode created = create();
        String id = created.get("id").asString();
        long version = created.get("version").asLong();
        admin.perform(patch(PATH + "/" + id), valid().put("version", version).toString())
                .andExpect(status().isOk());
        admin.perform(patch(PATH + "/" + id), valid().put("version", version).toString())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/conflict")));
        admin.perform(get(PATH + "/" + id)).andExpect(jsonPath("$.version").value(version + 1));
    }

    @Test
    void listsComeInKeysetPagesWithoutOverlap() throws Exception {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(create().get("id").asString());
        }
        List<String> seen = new ArrayList<>();
        int pages = 0;
        String after = null;
        do {
            var request = get(PATH).param("limit", "2");
            if (after != null) {
                request.param("after", after);
            }
            JsonNode page = AdminClient.json(admin.perform(request).andExpect(status().isOk()));
            assertThat(page.get("items").size()).isBetween(1, 2);
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            after = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (after != null && pages < 10_000);
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        admin.perform(get(PATH).param("limit", "0")).andExpect(status().isBadRequest());
        admin.perform(get(PATH).param("limit", "101")).andExpect(status().isBadRequest());
        admin.perform(get(PATH).param("after", "forged")).andExpect(status().isBadRequest());
    }

    private JsonNode create() throws Exception {
        return AdminClient.json(admin.perform(post(PATH), valid().toString()).andExpect(status().isCreated()));
    }

    private List<String> auditActions(String id) throws Exception {
        List<String> actions = new ArrayList<>();
        AdminClient.json(admin.perform(get("/api/v1/admin/audit").param("target", id)))
                .get("items")
                .forEach(record -> actions.add(record.get("action").asString()));
        return actions;
    }

    static String unique(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    /** A body with one field set to a raw JSON value (or left out when null) that the service must refuse. */
    record Invalid(String field, @Nullable String json) {
        String applyTo(ObjectNode body) {
            body.remove(field);
            String start = body.toString();
            if (json == null) {
                return start;
            }
            return start.substring(0, start.length() - 1) + (body.isEmpty() ? "" : ",") + "\"" + field + "\":" + json
                    + "}";
        }
    }
}

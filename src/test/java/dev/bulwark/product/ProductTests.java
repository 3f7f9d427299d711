package dev.bulwark.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Products through HTTP, as a client sees them: each route, each rule, each refusal. */
@IntegrationTest
class ProductTests {

    static final String PATH = "/api/v1/products";

    final MockMvc mvc;
    final AdminClient admin;

    ProductTests(@Autowired MockMvc mvc) throws Exception {
        this.mvc = mvc;
        this.admin = new AdminClient(mvc);
    }

    /** A body that passes every rule; unique fields get values no other call uses, references existing records. */
    ObjectNode valid() throws Exception {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("name", "Product " + unique(8));
        body.put("price", "12.50");
        body.put("sku", "sku-" + unique(12));
        body.put("stock", 7);
        body.put("category", "BOOK");
        body.put("supplierId", supplier());
        body.put("description", "Line one\nline two");
        body.put("unitsSold", 3_000_000_000L);
        body.put("active", true);
        body.put("releasedOn", "2024-02-29");
        body.put("restockedAt", "2026-11-30T12:34:56.123456Z");
        body.put("externalId", UUID.randomUUID().toString());
        return body;
    }

    @Test
    void anAdminCreatesReadsChangesAndDeletesAProduct() throws Exception {
        ObjectNode body = valid();
        var response = admin.perform(post(PATH), body.toString())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value(body.get("name").asString()))
                .andExpect(jsonPath("$.price").value(12.5))
                .andExpect(jsonPath("$.sku").value(body.get("sku").asString()))
                .andExpect(jsonPath("$.stock").value(7))
                .andExpect(jsonPath("$.category").value("BOOK"))
                .andExpect(jsonPath("$.supplierId").value(body.get("supplierId").asString()))
                .andExpect(jsonPath("$.description").value("Line one\nline two"))
                .andExpect(jsonPath("$.unitsSold").value(3_000_000_000L))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.releasedOn").value("2024-02-29"))
                .andExpect(jsonPath("$.restockedAt").value("2026-11-30T12:34:56.123456Z"))
                .andExpect(jsonPath("$.externalId").value(body.get("externalId").asString()));
        JsonNode created = AdminClient.json(response);
        String id = created.get("id").asString();
        assertThat(response.andReturn().getResponse().getHeader("Location")).isEqualTo(PATH + "/" + id);
        assertThat(AdminClient.json(admin.perform(get(PATH + "/" + id)))).isEqualTo(created);

        ObjectNode changes = valid().put("category", "TOY")
                .put("version", created.get("version").asLong());
        admin.perform(patch(PATH + "/" + id), changes.toString())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(changes.get("name").asString()))
                .andExpect(jsonPath("$.category").value("TOY"))
                .andExpect(jsonPath("$.version").value(created.get("version").asLong() + 1));

        admin.perform(delete(PATH + "/" + id)).andExpect(status().isNoContent());
        admin.perform(get(PATH + "/" + id)).andExpect(status().isNotFound());
        assertThat(auditActions(id)).containsExactlyInAnyOrder("product.created", "product.updated", "product.deleted");
    }

    @Test
    void onlyTheRequiredFieldsAreNeededAndTheOthersStayNull() throws Exception {
        admin.perform(post(PATH), "{\"name\":\"Bare\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.price").isEmpty())
                .andExpect(jsonPath("$.supplierId").isEmpty())
                .andExpect(jsonPath("$.restockedAt").isEmpty());
    }

    @Test
    void eachInvalidFieldIsRefusedByName() throws Exception {
        List<Invalid> cases = List.of(
                new Invalid("name", null),
                new Invalid("name", "\"   \""),
                new Invalid("name", "\"" + "x".repeat(101) + "\""),
                new Invalid("name", "\"tab\\tname\""),
                new Invalid("name", "{}"),
                new Invalid("price", "-0.01"),
                new Invalid("price", "1.00001"),
                new Invalid("price", "1e16"),
                new Invalid("price", "\"cheap\""),
                new Invalid("sku", "\"" + "s".repeat(256) + "\""),
                new Invalid("sku", "\"a\\u202Eb\""),
                new Invalid("stock", "3000000000"),
                new Invalid("stock", "\"many\""),
                new Invalid("category", "\"CAR\""),
                new Invalid("supplierId", "\"not-a-uuid\""),
                new Invalid("description", "\"" + "d".repeat(10_001) + "\""),
                new Invalid("description", "\"bell\\u0007\""),
                new Invalid("unitsSold", "-1"),
                new Invalid("active", "\"maybe\""),
                new Invalid("releasedOn", "\"2024-02-30\""),
                new Invalid("releasedOn", "\"+10000-01-01\""),
                new Invalid("restockedAt", "\"yesterday\""),
                new Invalid("restockedAt", "\"+10000-01-01T00:00:00Z\""),
                new Invalid("externalId", "\"123\""),
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
        admin.perform(patch(PATH + "/" + id), "{\"price\":-1,\"version\":" + version + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("price"));
        admin.perform(patch(PATH + "/" + id), "{\"name\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        admin.perform(patch(PATH + "/" + id), "{\"stock\":8,\"version\":" + version + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stock").value(8))
                .andExpect(jsonPath("$.name").value(created.get("name").asString()))
                .andExpect(jsonPath("$.sku").value(created.get("sku").asString()));
    }

    @Test
    void anonymousCallersAre401AndUsersMayOnlyRead() throws Exception {
        String id = create().get("id").asString();
        mvc.perform(get(PATH)).andExpect(status().isUnauthorized());
        mvc.perform(get(PATH + "/" + id)).andExpect(status().isUnauthorized());
        mvc.perform(json(post(PATH), valid().toString())).andExpect(status().isUnauthorized());
        mvc.perform(delete(PATH + "/" + id)).andExpect(status().isUnauthorized());

        String user = new AuthClient(mvc).newUser(AuthClient.uniqueEmail()).bearer();
        mvc.perform(get(PATH).header("Authorization", user)).andExpect(status().isOk());
        mvc.perform(get(PATH + "/" + id).header("Authorization", user)).andExpect(status().isOk());
        mvc.perform(json(post(PATH), valid().toString()).header("Authorization", user))
                .andExpect(status().isForbidden());
        mvc.perform(json(patch(PATH + "/" + id), "{\"version\":0}").header("Authorization", user))
                .andExpect(status().isForbidden());
        mvc.perform(delete(PATH + "/" + id).header("Authorization", user)).andExpect(status().isForbidden());
        admin.perform(get(PATH + "/" + id)).andExpect(status().isOk());
    }

    @Test
    void anUnknownProductIs404AndAMalformedIdIs400() throws Exception {
        String unknown = PATH + "/" + UUID.randomUUID();
        admin.perform(get(unknown))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(endsWith("/not-found")));
        admin.perform(patch(unknown), "{\"version\":0}").andExpect(status().isNotFound());
        admin.perform(delete(unknown)).andExpect(status().isNotFound());
        admin.perform(get(PATH + "/not-a-uuid")).andExpect(status().isBadRequest());
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() throws Exception {
        JsonNode created = create();
        String id = created.get("id").asString();
        long version = created.get("version").asLong();
        admin.perform(patch(PATH + "/" + id), "{\"stock\":1,\"version\":" + version + "}")
                .andExpect(status().isOk());
        admin.perform(patch(PATH + "/" + id), "{\"stock\":2,\"version\":" + version + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(endsWith("/conflict")));
        admin.perform(get(PATH + "/" + id))
                .andExpect(jsonPath("$.version").value(version + 1))
                .andExpect(jsonPath("$.stock").value(1));
    }

    @Test
    void aTakenSkuIsAConflictOnCreateAndOnUpdate() throws Exception {
        JsonNode first = create();
        JsonNode second = create();
        admin.perform(
                        post(PATH),
                        valid().put("sku", first.get("sku").asString()).toString())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(endsWith("/value-taken")))
                .andExpect(jsonPath("$.errors[0].field").value("sku"));
        admin.perform(
                        patch(PATH + "/" + second.get("id").asString()),
                        "{\"sku\":\"" + first.get("sku").asString() + "\",\"version\":"
                                + second.get("version").asLong() + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(endsWith("/value-taken")));
        admin.perform(get(PATH + "/" + second.get("id").asString()))
                .andExpect(jsonPath("$.sku").value(second.get("sku").asString()));
    }

    @Test
    void aSupplierThatDoesNotExistIsRefused() throws Exception {
        admin.perform(
                        post(PATH),
                        valid().put("supplierId", UUID.randomUUID().toString()).toString())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(endsWith("/validation-failed")))
                .andExpect(jsonPath("$.errors[0].field").value("supplierId"))
                .andExpect(jsonPath("$.errors[0].message").value("does not exist"));
        JsonNode created = create();
        admin.perform(
                        patch(PATH + "/" + created.get("id").asString()),
                        "{\"supplierId\":\"" + UUID.randomUUID() + "\",\"version\":"
                                + created.get("version").asLong() + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("supplierId"));
    }

    @Test
    void aSupplierIsNotDeletedWhileAProductRefersToIt() throws Exception {
        JsonNode product = create();
        String supplier = "/api/v1/suppliers/" + product.get("supplierId").asString();
        admin.perform(delete(supplier))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(endsWith("/in-use")));
        admin.perform(get(supplier)).andExpect(status().isOk());
        admin.perform(delete(PATH + "/" + product.get("id").asString())).andExpect(status().isNoContent());
        admin.perform(delete(supplier)).andExpect(status().isNoContent());
    }

    @Test
    void listsComeInKeysetPagesWithoutOverlap() throws Exception {
        String supplier = supplier();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(create(valid().put("supplierId", supplier)).get("id").asString());
        }
        JsonNode first = page(get(PATH).param("supplierId", supplier).param("limit", "2"));
        JsonNode second = page(get(PATH)
                .param("supplierId", supplier)
                .param("limit", "2")
                .param("after", first.get("next").asString()));
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(second.get("items").size()).isEqualTo(1);
        assertThat(second.get("next").isNull()).isTrue();
        List<String> seen = new ArrayList<>();
        first.get("items").forEach(item -> seen.add(item.get("id").asString()));
        second.get("items").forEach(item -> seen.add(item.get("id").asString()));
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        admin.perform(get(PATH).param("limit", "0")).andExpect(status().isBadRequest());
        admin.perform(get(PATH).param("limit", "101")).andExpect(status().isBadRequest());
        admin.perform(get(PATH).param("after", "forged")).andExpect(status().isBadRequest());
        admin.perform(get(PATH).param("after", first.get("next").asString()).param("category", "TOY"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(endsWith("/invalid-cursor")));
    }

    @Test
    void listsFilterOnIndexedFields() throws Exception {
        String supplier = supplier();
        JsonNode book = create(valid().put("supplierId", supplier).put("category", "BOOK"));
        JsonNode toy = create(valid().put("supplierId", supplier).put("category", "TOY"));
        assertThat(ids(get(PATH).param("sku", book.get("sku").asString())))
                .containsExactly(book.get("id").asString());
        assertThat(ids(get(PATH).param("supplierId", supplier)))
                .containsExactly(book.get("id").asString(), toy.get("id").asString());
        assertThat(ids(get(PATH).param("supplierId", supplier).param("category", "TOY")))
                .containsExactly(toy.get("id").asString());
        admin.perform(get(PATH).param("category", "CAR")).andExpect(status().isBadRequest());
        admin.perform(get(PATH).param("supplierId", "not-a-uuid")).andExpect(status().isBadRequest());
        admin.perform(get(PATH).param("sku", "s".repeat(256))).andExpect(status().isBadRequest());
    }

    private JsonNode create() throws Exception {
        return create(valid());
    }

    private JsonNode create(ObjectNode body) throws Exception {
        return AdminClient.json(admin.perform(post(PATH), body.toString()).andExpect(status().isCreated()));
    }

    /** A new supplier to refer to. */
    private String supplier() throws Exception {
        return AdminClient.json(admin.perform(post("/api/v1/suppliers"), "{\"name\":\"Supplier " + unique(8) + "\"}")
                        .andExpect(status().isCreated()))
                .get("id")
                .asString();
    }

    private JsonNode page(MockHttpServletRequestBuilder request) throws Exception {
        return AdminClient.json(admin.perform(request).andExpect(status().isOk()));
    }

    private List<String> ids(MockHttpServletRequestBuilder request) throws Exception {
        List<String> ids = new ArrayList<>();
        page(request).get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private List<String> auditActions(String id) throws Exception {
        List<String> actions = new ArrayList<>();
        page(get("/api/v1/admin/audit").param("target", id))
                .get("items")
                .forEach(record -> actions.add(record.get("action").asString()));
        return actions;
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
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

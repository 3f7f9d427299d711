package dev.bulwark.supplier;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
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

    /** A body that passes every rule; unique fields get values no other call uses, references existing records. */
    ObjectNode valid() throws Exception {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("name", text(1, 100));
        return body;
    }

    @Test
    void anAdminCreatesReadsChangesAndDeletesASupplier() throws Exception {
        ObjectNode body = valid();
        var response = admin.perform(post(PATH), body.toString()).andExpect(status().isCreated());
        JsonNode created = AdminClient.json(response);
        assertSameValues(body, created);
        String id = created.get("id").asString();
        assertThat(response.andReturn().getResponse().getHeader("Location")).isEqualTo(PATH + "/" + id);
        assertThat(AdminClient.json(admin.perform(get(PATH + "/" + id)))).isEqualTo(created);

        ObjectNode changes = valid().put("version", created.get("version").asLong());
        JsonNode changed = AdminClient.json(
                admin.perform(patch(PATH + "/" + id), changes.toString()).andExpect(status().isOk()));
        changes.remove("version");
        assertSameValues(changes, changed);
        assertThat(changed.get("version").asLong())
                .isEqualTo(created.get("version").asLong() + 1);
        assertThat(AdminClient.json(admin.perform(get(PATH + "/" + id)))).isEqualTo(changed);

        admin.perform(delete(PATH + "/" + id)).andExpect(status().isNoContent());
        admin.perform(get(PATH + "/" + id)).andExpect(status().isNotFound());
        assertThat(auditActions(id))
                .containsExactlyInAnyOrder("supplier.created", "supplier.updated", "supplier.deleted");
    }

    @Test
    void eachInvalidFieldIsRefusedByName() throws Exception {
        List<Invalid> cases = List.of(
                new Invalid("name", null),
                new Invalid("name", "\"   \""),
                new Invalid("name", "\"" + "x".repeat(101) + "\""),
                new Invalid("name", "\"a\\u202Eb\""),
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
    void aPartialUpdateKeepsWhatItLeavesOutAndNeedsTheVersion() throws Exception {
        JsonNode created = create();
        String id = created.get("id").asString();
        long version = created.get("version").asLong();
        admin.perform(patch(PATH + "/" + id), "{\"name\":" + "\"   \"" + ",\"version\":" + version + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        admin.perform(patch(PATH + "/" + id), "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        JsonNode unchanged = AdminClient.json(admin.perform(patch(PATH + "/" + id), "{\"version\":" + version + "}")
                .andExpect(status().isOk()));
        ObjectNode expected = (ObjectNode) created.deepCopy();
        expected.remove("version");
        expected.remove("updatedAt");
        assertSameValues(expected, unchanged);
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
    void anUnknownSupplierIs404AndAMalformedIdIs400() throws Exception {
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
        admin.perform(patch(PATH + "/" + id), valid().put("version", version).toString())
                .andExpect(status().isOk());
        admin.perform(patch(PATH + "/" + id), valid().put("version", version).toString())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(endsWith("/conflict")));
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
            MockHttpServletRequestBuilder request = get(PATH).param("limit", "2");
            if (after != null) {
                request.param("after", after);
            }
            JsonNode page = page(request);
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
        return create(valid());
    }

    private JsonNode create(ObjectNode body) throws Exception {
        return AdminClient.json(admin.perform(post(PATH), body.toString()).andExpect(status().isCreated()));
    }

    private JsonNode page(MockHttpServletRequestBuilder request) throws Exception {
        return AdminClient.json(admin.perform(request).andExpect(status().isOk()));
    }

    /** The ids of every page of a list, oldest first. */
    private List<String> allIds(MockHttpServletRequestBuilder request) throws Exception {
        List<String> ids = new ArrayList<>();
        JsonNode page = page(request.param("limit", "100"));
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        for (int pages = 1; !page.get("next").isNull() && pages < 10_000; pages++) {
            page = page(request.param("after", page.get("next").asString()));
            page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        }
        return ids;
    }

    private List<String> auditActions(String id) throws Exception {
        List<String> actions = new ArrayList<>();
        page(get("/api/v1/admin/audit").param("target", id))
                .get("items")
                .forEach(record -> actions.add(record.get("action").asString()));
        return actions;
    }

    /** Every field of {@code sent} has the same value in {@code answer}; numbers compare as numbers (12.50 = 12.5). */
    private static void assertSameValues(JsonNode sent, JsonNode answer) {
        sent.properties().forEach(field -> {
            JsonNode expected = field.getValue();
            JsonNode actual = answer.get(field.getKey());
            assertThat(actual).as(field.getKey()).isNotNull();
            if (actual.isNumber()) {
                assertThat(new BigDecimal(actual.asString()))
                        .as(field.getKey())
                        .isEqualByComparingTo(new BigDecimal(expected.asString()));
            } else {
                assertThat(actual.asString()).as(field.getKey()).isEqualTo(expected.asString());
            }
        });
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** Letters no other call uses, between {@code min} and {@code max} long (12 when that fits). */
    static String text(int min, int max) {
        StringBuilder text = new StringBuilder();
        while (text.length() < Math.max(min, Math.min(12, max))) {
            text.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return text.substring(0, Math.max(min, Math.min(12, max)));
    }

    /** A whole number in [min, max], random when the field is unique. */
    static long number(long min, long max, boolean unique) {
        if (unique) {
            return ThreadLocalRandom.current().nextLong(min, max == Long.MAX_VALUE ? max : max + 1);
        }
        return Math.max(min, Math.min(7, max));
    }

    static String date(boolean unique) {
        return unique
                ? LocalDate.of(2000, 1, 1)
                        .plusDays(ThreadLocalRandom.current().nextInt(2_000_000))
                        .toString()
                : "2024-02-29";
    }

    static String instant(boolean unique) {
        return unique
                ? Instant.parse("2000-01-01T00:00:00Z")
                        .plus(ThreadLocalRandom.current().nextLong(200_000_000_000_000L), ChronoUnit.MICROS)
                        .toString()
                : "2026-11-30T12:34:56.123456Z";
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

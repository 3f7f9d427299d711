package dev.bulwark.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class UserAdministrationTests {

    @Autowired
    MockMvc mvc;

    AdminClient admin;

    @BeforeEach
    void setUp() throws Exception {
        admin = new AdminClient(mvc);
    }

    @Test
    void listingPagesThroughEveryMatchWithoutGapsOrRepeats() throws Exception {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(admin.createUser(prefix + i + "@example.test").get("id").asString());
        }
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            var request = get("/api/v1/admin/users").param("limit", "3").param("emailPrefix", prefix);
            if (after != null) {
                request.param("after", after);
            }
            JsonNode page = AdminClient.json(admin.perform(request).andExpect(status().isOk()));
            page.get("items")
                    .forEach(item ->
                            assertThat(seen.add(item.get("id").asString())).isTrue());
            after = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (after != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersByRoleStatusAndCreationTime() throws Exception {
        String prefix = "filter-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        JsonNode plain = admin.createUser(prefix + "plain@example.test");
        JsonNode boss = admin.createUser(prefix + "boss@example.test", "ADMIN");
        admin.perform(
                        patch("/api/v1/admin/users/" + plain.get("id").asString()),
                        "{\"enabled\":false,\"version\":" + plain.get("version").asLong() + "}")
                .andExpect(status().isOk());

        admin.perform(get("/api/v1/admin/users").param("emailPrefix", prefix).param("role", "ADMIN"))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(boss.get("id").asString()));
        admin.perform(get("/api/v1/admin/users").param("emailPrefix", prefix).param("status", "disabled"))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(plain.get("id").asString()));
        admin.perform(get("/api/v1/admin/users")
                        .param("emailPrefix", prefix)
                        .param("createdFrom", boss.get("createdAt").asString()))
                .andExpect(jsonPath("$.items.length()").value(1));
        admin.perform(get("/api/v1/admin/users").param("emailPrefix", prefix.toUpperCase()))
                .andExpect(jsonPath("$.items.length()").value(2));
        admin.perform(get("/api/v1/admin/users").param("emailPrefix", "%"))
                .andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void badListParametersAre400() throws Exception {
        for (String[] param : new String[][] {
            {"limit", "0"},
            {"limit", "101"},
            {"limit", "-5"},
            {"limit", "99999999999999"},
            {"limit", "ten"},
            {"role", "admin; drop table"},
            {"status", "sleeping"},
            {"createdFrom", "yesterday"},
            {"after", "garbage"},
            {"createdFrom", "-300000000-01-01T00:00:00Z"},
            {"createdTo", "-99999999999999"}
        }) {
            admin.perform(get("/api/v1/admin/users").param(param[0], param[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", "application/problem+json"));
        }
    }

    /** Well-formed JSON whose number does not fit its field is the field's fault, named, not a malformed body. */
    @Test
    void aNumberTooLargeForItsFieldIsRefusedByName() throws Exception {
        String id = admin.createUser(AuthClient.uniqueEmail()).get("id").asString();
        admin.perform(patch("/api/v1/admin/users/" + id), "{\"version\":99999999999999999999}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("version"));
    }

    @Test
    void aTamperedOrForeignCursorIsRefused() throws Exception {
        String prefix = "cursor-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 3; i++) {
            admin.createUser(prefix + i + "@example.test");
        }
        String next = AdminClient.json(admin.perform(
                        get("/api/v1/admin/users").param("limit", "1").param("emailPrefix", prefix)))
                .get("next")
                .asString();
        admin.perform(get("/api/v1/admin/users")
                        .param("limit", "1")
                        .param("emailPrefix", prefix)
                        .param("after", next))
                .andExpect(status().isOk());
        admin.perform(get("/api/v1/admin/users").param("emailPrefix", "other").param("after", next))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-cursor"));
        String tampered = (next.charAt(0) == 'A' ? "B" : "A") + next.substring(1);
        admin.perform(get("/api/v1/admin/users").param("emailPrefix", prefix).param("after", tampered))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/invalid-cursor"));
    }

    @Test
    void disablingAUserEndsTheirSessionsAndRoleChangesToo() throws Exception {
        String email = AuthClient.uniqueEmail();
        JsonNode user = admin.createUser(email);
        AuthClient.Tokens tokens = admin.auth.signIn(email, AuthClient.PASSWORD);
        JsonNode updated = AdminClient.json(admin.perform(
                        patch("/api/v1/admin/users/" + user.get("id").asString()),
                        "{\"roles\":[\"ADMIN\"],\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isOk()));
        admin.auth.me(tokens).andExpect(status().isUnauthorized());
        AuthClient.Tokens promoted = admin.auth.signIn(email, AuthClient.PASSWORD);
        admin.auth.me(promoted).andExpect(jsonPath("$.roles[0]").value("ADMIN"));

        admin.perform(
                        patch("/api/v1/admin/users/" + user.get("id").asString()),
                        "{\"enabled\":false,\"version\":"
                                + updated.get("version").asLong() + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        admin.auth.me(promoted).andExpect(status().isUnauthorized());
        admin.auth.login(email, AuthClient.PASSWORD).andExpect(status().isUnauthorized());
    }

    @Test
    void concurrentUpdatesOfOneUserLetOneWinAndLoseNothing() throws Exception {
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        String id = user.get("id").asString();
        long version = user.get("version").asLong();
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "Writer " + i;
            calls.add(() -> {
                start.await();
                return admin.perform(
                                patch("/api/v1/admin/users/" + id),
                                "{\"displayName\":\"" + name + "\",\"version\":" + version + "}")
                        .andReturn()
                        .getResponse()
                        .getStatus();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<Integer>> results = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(writers - 1);
        JsonNode after = AdminClient.json(admin.perform(get("/api/v1/admin/users/" + id)));
        assertThat(after.get("version").asLong()).isEqualTo(version + 1);
        assertThat(after.get("displayName").asString()).startsWith("Writer ");
    }

    @Test
    void staleVersionIs409AndChangesNothing() throws Exception {
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        String id = user.get("id").asString();
        admin.perform(
                        patch("/api/v1/admin/users/" + id),
                        "{\"displayName\":\"First\",\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isOk());
        admin.perform(
                        patch("/api/v1/admin/users/" + id),
                        "{\"displayName\":\"Second\",\"version\":"
                                + user.get("version").asLong() + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/conflict"));
        admin.perform(get("/api/v1/admin/users/" + id))
                .andExpect(jsonPath("$.displayName").value("First"));
    }

    @Test
    void aChangeThatChangesNothingKeepsTheVersion() throws Exception {
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        String id = user.get("id").asString();
        long version = user.get("version").asLong();
        String same = "{\"roles\":" + user.get("roles") + ",\"enabled\":true,\"version\":" + version + "}";
        admin.perform(patch("/api/v1/admin/users/" + id), same)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(version));
        admin.perform(patch("/api/v1/admin/users/" + id), same).andExpect(status().isOk());
        admin.perform(get("/api/v1/admin/users/" + id))
                .andExpect(jsonPath("$.version").value(version));
    }

    @Test
    void deletingAnonymisesAndEndsSessionsButYouCannotDeleteYourself() throws Exception {
        String email = AuthClient.uniqueEmail();
        JsonNode user = admin.createUser(email);
        String id = user.get("id").asString();
        AuthClient.Tokens tokens = admin.auth.signIn(email, AuthClient.PASSWORD);
        admin.perform(delete("/api/v1/admin/users/" + id)).andExpect(status().isNoContent());
        admin.auth.me(tokens).andExpect(status().isUnauthorized());
        admin.auth.login(email, AuthClient.PASSWORD).andExpect(status().isUnauthorized());
        admin.perform(get("/api/v1/admin/users/" + id)).andExpect(status().isNotFound());
        admin.perform(get("/api/v1/admin/users").param("emailPrefix", email))
                .andExpect(jsonPath("$.items.length()").value(0));

        String selfId =
                AdminClient.json(admin.perform(get("/api/v1/me"))).get("id").asString();
        admin.perform(delete("/api/v1/admin/users/" + selfId))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/cannot-delete-self"));
        admin.perform(get("/api/v1/me")).andExpect(status().isOk());
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedOrDisabled() throws Exception {
        // Demote every other admin first, so the bootstrap admin is the last one.
        JsonNode admins = AdminClient.json(
                admin.perform(get("/api/v1/admin/users").param("role", "ADMIN").param("limit", "100")));
        String selfId =
                AdminClient.json(admin.perform(get("/api/v1/me"))).get("id").asString();
        for (JsonNode other : admins.get("items")) {
            if (!other.get("id").asString().equals(selfId)) {
                admin.perform(
                                patch("/api/v1/admin/users/" + other.get("id").asString()),
                                "{\"roles\":[\"USER\"],\"version\":"
                                        + other.get("version").asLong() + "}")
                        .andExpect(status().isOk());
            }
        }
        long version = AdminClient.json(admin.perform(get("/api/v1/admin/users/" + selfId)))
                .get("version")
                .asLong();
        admin.perform(patch("/api/v1/admin/users/" + selfId), "{\"roles\":[\"USER\"],\"version\":" + version + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/last-admin"));
        admin.perform(patch("/api/v1/admin/users/" + selfId), "{\"enabled\":false,\"version\":" + version + "}")
                .andExpect(status().isConflict());
        admin.perform(get("/api/v1/admin/users/" + selfId))
                .andExpect(jsonPath("$.roles[0]").value("ADMIN"))
                .andExpect(jsonPath("$.enabled").value(true))
                .andExpect(jsonPath("$.version").value(version));
    }

    @Test
    void badAdminInputIsA400AndChangesNothing() throws Exception {
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        String id = user.get("id").asString();
        long version = user.get("version").asLong();
        for (String body : new String[] {
            "{\"version\":" + version + ",\"email\":\"x@y.z\"}",
            "{\"version\":" + version + ",\"roles\":[\"NO_SUCH_ROLE\"]}",
            "{\"version\":" + version + ",\"roles\":[\"bad role!\"]}",
            "{\"displayName\":\"no version\"}",
            "{\"version\":\"one\"}",
            "{\"version\":" + version + ",\"enabled\":\"yes\"}"
        }) {
            admin.perform(patch("/api/v1/admin/users/" + id), body).andExpect(status().isBadRequest());
        }
        admin.perform(patch("/api/v1/admin/users/not-a-uuid"), "{\"version\":1}")
                .andExpect(status().isBadRequest());
        admin.perform(patch("/api/v1/admin/users/" + UUID.randomUUID()), "{\"version\":1}")
                .andExpect(status().isNotFound());
        admin.perform(
                        post("/api/v1/admin/users"),
                        "{\"email\":\"" + AuthClient.uniqueEmail()
                                + "\",\"password\":\"password1\",\"displayName\":\"W\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/weak-password"));
        admin.perform(get("/api/v1/admin/users/" + id))
                .andExpect(jsonPath("$.version").value(version));
    }

    @Test
    void creatingAUserWithATakenEmailIs409AndLocationIsSet() throws Exception {
        String email = AuthClient.uniqueEmail();
        admin.perform(
                        post("/api/v1/admin/users"),
                        "{\"email\":\"" + email + "\",\"password\":\"" + AuthClient.PASSWORD
                                + "\",\"displayName\":\"X\"}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/admin/users/")));
        admin.perform(
                        post("/api/v1/admin/users"),
                        "{\"email\":\"" + email + "\",\"password\":\"" + AuthClient.PASSWORD
                                + "\",\"displayName\":\"X\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/email-taken"));
    }

    @Test
    void anAdminPasswordResetEndsEverySession() throws Exception {
        String email = AuthClient.uniqueEmail();
        String id = admin.createUser(email).get("id").asString();
        AuthClient.Tokens tokens = admin.auth.signIn(email, AuthClient.PASSWORD);
        admin.perform(post("/api/v1/admin/users/" + id + "/password"), "{\"newPassword\":\"a completely new phrase\"}")
                .andExpect(status().isNoContent());
        admin.auth.me(tokens).andExpect(status().isUnauthorized());
        admin.auth.login(email, "a completely new phrase").andExpect(status().isOk());
    }
}

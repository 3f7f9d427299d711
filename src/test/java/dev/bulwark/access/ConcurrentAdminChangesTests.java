package dev.bulwark.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.bulwark.AuthClient;
import dev.bulwark.Blocker;
import dev.bulwark.Blocker.Outcome;
import dev.bulwark.IntegrationTest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The races of issue 11, each made deterministic: the test holds the admin-change lock ({@link AdminChanges}) while it
 * sends two requests, the second only once the first waits behind it, then lets go; both orders are run. Where the
 * lock cannot help (a row committed by something that does not take it), an open transaction of the test's own plays
 * the other writer. No outcome is a 5xx ({@link Blocker#release} asserts it).
 */
@IntegrationTest
class ConcurrentAdminChangesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    private static final String TAKEN_OVER = "taken over passphrase";

    AdminClient admin;

    @BeforeEach
    void setUp() throws Exception {
        admin = new AdminClient(mvc);
    }

    @Test
    void twoAdminsDemotingEachOtherBothSucceedWhileAThirdRemains() throws Exception {
        for (boolean aFirst : List.of(true, false, true)) {
            JsonNode a = admin.createUser(AuthClient.uniqueEmail(), "ADMIN");
            JsonNode b = admin.createUser(AuthClient.uniqueEmail(), "ADMIN");
            String aToken = admin.auth
                    .signIn(a.get("email").asString(), AuthClient.PASSWORD)
                    .bearer();
            String bToken = admin.auth
                    .signIn(b.get("email").asString(), AuthClient.PASSWORD)
                    .bearer();
            List<Outcome> outcomes = inOrder(
                    aFirst,
                    () -> as(aToken, patch(users(b)), "{\"roles\":[\"USER\"],\"version\":" + version(b) + "}"),
                    () -> as(bToken, patch(users(a)), "{\"roles\":[\"USER\"],\"version\":" + version(a) + "}"));

            assertThat(outcomes).extracting(Outcome::status).containsExactly(200, 200);
            assertThat(roles(a)).containsExactly("USER");
            assertThat(roles(b)).containsExactly("USER");
        }
    }

    @Test
    void twoCreationsOfOneRoleNameMakeOneRoleAndAnswerRoleExistsToTheOther() throws Exception {
        for (int round = 0; round < 3; round++) {
            String role = RoleAdministrationTests.uniqueRole();
            List<Outcome> outcomes = inOrder(true, () -> createRole(role, "First"), () -> createRole(role, "Second"));

            assertThat(outcomes).extracting(Outcome::status).containsExactly(201, 409);
            assertThat(outcomes.get(1).body()).contains("/role-exists");
            assertThat(role(role).orElseThrow().get("description").asString()).isEqualTo("First");
        }
    }

    @Test
    void aRoleInsertThatMeetsARowCommittedMeanwhileAnswersRoleExists() throws Exception {
        String role = RoleAdministrationTests.uniqueRole();
        // a writer that skips the lock: the request's existence check cannot see this row, its insert waits on it
        Outcome outcome = Blocker.afterConcurrentWrite(
                dataSource,
                () -> createRole(role, "Mine"),
                "insert into role (name, description, built_in, created_at, version)"
                        + " values (?, 'Other', false, now(), 0)",
                role);

        assertThat(outcome.status()).as(outcome.body()).isEqualTo(409);
        assertThat(outcome.body()).contains("/role-exists");
        assertThat(role(role).orElseThrow().get("description").asString()).isEqualTo("Other");
    }

    @Test
    void changingPermissionsWhileTheRoleIsDeletedEndsWithTheRoleGone() throws Exception {
        for (boolean changeFirst : List.of(true, false)) {
            String role = RoleAdministrationTests.uniqueRole();
            JsonNode created = AdminClient.json(createRole(role, "Doomed"));
            List<Outcome> outcomes = inOrder(
                    changeFirst,
                    () -> admin.perform(
                            put("/api/v1/admin/roles/" + role + "/permissions"),
                            "{\"permissions\":[\"audit:read\"],\"version\":" + version(created) + "}"),
                    () -> admin.perform(delete("/api/v1/admin/roles/" + role)));

            assertThat(outcomes).extracting(Outcome::status).containsExactly(changeFirst ? 200 : 404, 204);
            assertThat(role(role)).isEmpty();
        }
    }

    @Test
    void assigningARoleWhileItIsDeletedEitherKeepsTheRoleOrRefusesTheAssignment() throws Exception {
        for (boolean assignFirst : List.of(true, false)) {
            String role = RoleAdministrationTests.uniqueRole();
            createRole(role, "Contested");
            JsonNode user = admin.createUser(AuthClient.uniqueEmail());
            List<Outcome> outcomes = inOrder(
                    assignFirst,
                    () -> admin.perform(
                            patch(users(user)),
                            "{\"roles\":[\"USER\",\"" + role + "\"],\"version\":" + version(user) + "}"),
                    () -> admin.perform(delete("/api/v1/admin/roles/" + role)));

            if (assignFirst) {
                assertThat(outcomes).extracting(Outcome::status).containsExactly(200, 409);
                assertThat(outcomes.get(1).body()).contains("/role-in-use");
                assertThat(roles(user)).containsExactlyInAnyOrder("USER", role);
            } else {
                assertThat(outcomes).extracting(Outcome::status).containsExactly(400, 204);
                assertThat(outcomes.get(0).body()).contains("/unknown-role");
                assertThat(roles(user)).containsExactly("USER");
            }
        }
    }

    @Test
    void aRoleDeleteThatMeetsAnAssignmentCommittedMeanwhileAnswersRoleInUse() throws Exception {
        String role = RoleAdministrationTests.uniqueRole();
        createRole(role, "Contested");
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        // holds the role row (foreign key check), so the delete waits and then meets the committed assignment
        Outcome outcome = Blocker.afterConcurrentWrite(
                dataSource,
                () -> admin.perform(delete("/api/v1/admin/roles/" + role)),
                "insert into account_role (account_id, role) values (?, ?)",
                UUID.fromString(user.get("id").asString()),
                role);

        assertThat(outcome.status()).as(outcome.body()).isEqualTo(409);
        assertThat(outcome.body()).contains("/role-in-use");
        assertThat(role(role)).isPresent();
    }

    @Test
    void creatingAUserWithARoleBeingDeletedNeverAnswersEmailTaken() throws Exception {
        for (boolean createFirst : List.of(true, false)) {
            String role = RoleAdministrationTests.uniqueRole();
            createRole(role, "Contested");
            String email = AuthClient.uniqueEmail();
            List<Outcome> outcomes = inOrder(
                    createFirst,
                    () -> admin.perform(
                            post("/api/v1/admin/users"),
                            "{\"email\":\"" + email + "\",\"password\":\"" + AuthClient.PASSWORD
                                    + "\",\"displayName\":\"Raced\",\"roles\":[\"" + role + "\"]}"),
                    () -> admin.perform(delete("/api/v1/admin/roles/" + role)));

            assertThat(outcomes).noneSatisfy(o -> assertThat(o.body()).contains("/email-taken"));
            if (createFirst) {
                assertThat(outcomes).extracting(Outcome::status).containsExactly(201, 409);
                assertThat(outcomes.get(1).body()).contains("/role-in-use");
            } else {
                assertThat(outcomes).extracting(Outcome::status).containsExactly(400, 204);
                assertThat(outcomes.get(0).body()).contains("/unknown-role");
                admin.createUser(email); // the address stayed free
            }
        }
    }

    @Test
    void aUserCreatedWithARoleDeletedMeanwhileIsRefusedAsUnknownRoleNotEmailTaken() throws Exception {
        String role = RoleAdministrationTests.uniqueRole();
        createRole(role, "Contested");
        String email = AuthClient.uniqueEmail();
        // a delete that skips the lock: the request sees the role, then its assignment waits on the deleted row
        Outcome outcome = Blocker.afterConcurrentWrite(
                dataSource,
                () -> admin.perform(
                        post("/api/v1/admin/users"),
                        "{\"email\":\"" + email + "\",\"password\":\"" + AuthClient.PASSWORD
                                + "\",\"displayName\":\"Raced\",\"roles\":[\"" + role + "\"]}"),
                "delete from role where name = ?",
                role);

        assertThat(outcome.status()).as(outcome.body()).isEqualTo(400);
        assertThat(outcome.body()).contains("/unknown-role");
        admin.createUser(email); // the address stayed free
    }

    /**
     * Issue 12 item 1: the reset's first grants check passes (the target holds USER only) and the hash is made; then,
     * queued behind a promotion to ADMIN, the check that counts runs on the row it writes and sees the new role.
     */
    @Test
    void aPasswordResetOvertakenByAPromotionToAdminIsRefusedAndChangesNothing() throws Exception {
        String support = RoleAdministrationTests.uniqueRole();
        admin.perform(
                post("/api/v1/admin/roles"),
                "{\"name\":\"" + support
                        + "\",\"description\":\"support\",\"permissions\":[\"users:read\",\"users:write\"]}");
        String supportEmail = AuthClient.uniqueEmail();
        admin.createUser(supportEmail, support);
        String supportToken =
                admin.auth.signIn(supportEmail, AuthClient.PASSWORD).bearer();
        String email = AuthClient.uniqueEmail();
        JsonNode target = admin.createUser(email);

        List<Outcome> outcomes = inOrder(
                true,
                () -> admin.perform(
                        patch(users(target)), "{\"roles\":[\"USER\",\"ADMIN\"],\"version\":" + version(target) + "}"),
                () -> as(supportToken, post(users(target) + "/password"), "{\"newPassword\":\"" + TAKEN_OVER + "\"}"));

        assertThat(outcomes).extracting(Outcome::status).containsExactly(200, 403);
        assertThat(outcomes.get(1).body()).contains("https://bulwark.dev/problems/privilege-escalation");
        assertThat(roles(target)).containsExactlyInAnyOrder("USER", "ADMIN");
        assertThat(admin.auth
                        .login(email, AuthClient.PASSWORD)
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("the password is unchanged")
                .isEqualTo(200);
        assertThat(admin.auth.login(email, TAKEN_OVER).andReturn().getResponse().getStatus())
                .isEqualTo(401);
    }

    /**
     * A writer outside the admin lock (a user renaming themselves) commits while an admin's change waits to write
     * the same row: the version check in code passed on the older row, so Spring Data's own {@code @Version} check
     * fails at the write, and ProblemHandler answers the ConcurrencyFailureException with 409 conflict.
     */
    @Test
    void aChangeWhoseRowWasUpdatedMeanwhileAnswersConflictWithoutInternals() throws Exception {
        JsonNode user = admin.createUser(AuthClient.uniqueEmail());
        Outcome outcome = Blocker.afterConcurrentWrite(
                dataSource,
                () -> admin.perform(
                        patch(users(user)), "{\"displayName\":\"By Admin\",\"version\":" + version(user) + "}"),
                "update account set display_name = 'By Themselves', version = version + 1 where id = ?",
                UUID.fromString(user.get("id").asString()));

        assertThat(outcome.status()).as(outcome.body()).isEqualTo(409);
        assertThat(outcome.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(outcome.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://bulwark.dev/problems/conflict");
        // ProblemHandler's detail, not AccountChangedMeanwhile's: the refusal came from Spring Data, not the code
        assertThat(problem.get("detail").asString())
                .isEqualTo("The resource was changed meanwhile; reload it and try again.");
        String traceId = problem.get("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(outcome.body().replace("\"traceId\":\"" + traceId + "\"", ""))
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("trace", "hibernate", "springframework", "org.");
        JsonNode stored = AdminClient.json(admin.perform(get(users(user))));
        assertThat(stored.get("displayName").asString()).isEqualTo("By Themselves");
    }

    /** Sends {@code first} then {@code second} (or the reverse) behind the held admin lock; outcomes in that order. */
    private List<Outcome> inOrder(boolean firstFirst, Request first, Request second) throws Exception {
        try (Blocker lock = Blocker.holdingAdvisoryLock(dataSource, AdminChanges.KEY)) {
            lock.send(firstFirst ? first::send : second::send);
            lock.send(firstFirst ? second::send : first::send);
            List<Outcome> outcomes = lock.release();
            return firstFirst ? outcomes : outcomes.reversed();
        }
    }

    @FunctionalInterface
    interface Request {
        ResultActions send() throws Exception;
    }

    private ResultActions as(String bearer, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions createRole(String name, String description) throws Exception {
        return admin.perform(
                post("/api/v1/admin/roles"),
                "{\"name\":\"" + name + "\",\"description\":\"" + description + "\",\"permissions\":[\"users:read\"]}");
    }

    private Optional<JsonNode> role(String name) throws Exception {
        JsonNode all = AdminClient.json(admin.perform(get("/api/v1/admin/roles")));
        for (JsonNode role : all) {
            if (role.get("name").asString().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private List<String> roles(JsonNode user) throws Exception {
        JsonNode current = AdminClient.json(admin.perform(get(users(user))));
        return JsonMapper.shared().treeToValue(current.get("roles"), List.class);
    }

    private static String users(JsonNode user) {
        return "/api/v1/admin/users/" + user.get("id").asString();
    }

    private static long version(JsonNode resource) {
        return resource.get("version").asLong();
    }
}

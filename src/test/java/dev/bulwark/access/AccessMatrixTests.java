package dev.bulwark.access;

import static dev.bulwark.AccessMatrixRows.A;
import static dev.bulwark.AccessMatrixRows.F;
import static dev.bulwark.AccessMatrixRows.U;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.bulwark.AccessMatrixRows;
import dev.bulwark.AccessMatrixRows.Outcome;
import dev.bulwark.AccessMatrixRows.Row;
import dev.bulwark.AuthClient;
import dev.bulwark.DocBlocks;
import dev.bulwark.IntegrationTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route × {anonymous, USER, ADMIN, AUDITOR (a custom role holding only audit:read)}. The table below (the
 * core's routes) and each capability's {@link AccessMatrixRows} are the access policy a reviewer reads; the test fails
 * when a route is added without a row, when a row has no route, and when any cell differs from what the running
 * service does. docs/security.md shows the same table.
 */
@IntegrationTest
class AccessMatrixTests {

    /** The core's routes; every capability adds its own rows with an {@link AccessMatrixRows} of its test folder. */
    static final List<Row> CORE = List.of(
            new Row("GET", "/api/v1/ping", "", A, A, A, A),
            new Row(
                    "POST",
                    "/api/v1/auth/register",
                    "{\"email\":\"{email}\",\"password\":\"correct horse battery staple\",\"displayName\":\"M\"}",
                    A,
                    A,
                    A,
                    A),
            new Row(
                    "POST",
                    "/api/v1/auth/login",
                    "{\"email\":\"nobody@example.test\",\"password\":\"wrong wrong\"}",
                    A,
                    A,
                    A,
                    A),
            new Row("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"x\"}", A, A, A, A),
            new Row("GET", "/.well-known/jwks.json", "", A, A, A, A),
            new Row("POST", "/api/v1/auth/logout", "", U, A, A, A),
            new Row("GET", "/api/v1/auth/sessions", "", U, A, A, A),
            new Row("DELETE", "/api/v1/auth/sessions/{id}", "", U, A, A, A),
            new Row("GET", "/api/v1/me", "", U, A, A, A),
            new Row("PATCH", "/api/v1/me", "{\"displayName\":\"Matrix\"}", U, A, A, A),
            new Row(
                    "POST",
                    "/api/v1/me/password",
                    "{\"currentPassword\":\"wrong\",\"newPassword\":\"irrelevant here\"}",
                    U,
                    A,
                    A,
                    A),
            new Row("GET", "/api/v1/admin/users", "", U, F, A, F),
            new Row("GET", "/api/v1/admin/users/export", "", U, F, A, F),
            new Row("GET", "/api/v1/admin/users/{id}", "", U, F, A, F),
            new Row(
                    "POST",
                    "/api/v1/admin/users",
                    "{\"email\":\"{email}\",\"password\":\"correct horse battery staple\",\"displayName\":\"M\"}",
                    U,
                    F,
                    A,
                    F),
            new Row("PATCH", "/api/v1/admin/users/{id}", "{\"displayName\":\"M\",\"version\":0}", U, F, A, F),
            new Row(
                    "POST",
                    "/api/v1/admin/users/{id}/password",
                    "{\"newPassword\":\"correct horse battery staple\"}",
                    U,
                    F,
                    A,
                    F),
            new Row("DELETE", "/api/v1/admin/users/{id}", "", U, F, A, F),
            new Row("GET", "/api/v1/admin/roles", "", U, F, A, F),
            new Row(
                    "POST",
                    "/api/v1/admin/roles",
                    "{\"name\":\"{role}\",\"description\":\"m\",\"permissions\":[]}",
                    U,
                    F,
                    A,
                    F),
            new Row("PUT", "/api/v1/admin/roles/{name}/permissions", "{\"permissions\":[],\"version\":0}", U, F, A, F),
            new Row("DELETE", "/api/v1/admin/roles/{name}", "", U, F, A, F),
            new Row("GET", "/api/v1/admin/audit", "", U, F, A, A));

    static final List<Row> MATRIX = matrix();

    /** The core's rows, then those of each capability, ordered by the name of the class that holds them. */
    private static List<Row> matrix() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(AccessMatrixRows.class));
        List<Row> rows = new ArrayList<>(CORE);
        scanner.findCandidateComponents("dev.bulwark").stream()
                .map(BeanDefinition::getBeanClassName)
                .sorted()
                .forEach(name -> rows.addAll(instantiate(name).rows()));
        return List.copyOf(rows);
    }

    private static AccessMatrixRows instantiate(String className) {
        try {
            Class<?> type = Class.forName(className);
            return (AccessMatrixRows)
                    ReflectionUtils.accessibleConstructor(type).newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " needs a constructor without parameters", e);
        }
    }

    /** Framework and documentation routes, public through the docs chain; test-only probe routes. */
    static final Set<String> NOT_IN_MATRIX_PREFIXES =
            Set.of("/error", "/v3/api-docs", "/swagger-ui", "/test/", "/api/v1/test-");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyRouteIsInTheMatrixAndEveryRowIsARoute() {
        Set<String> registered = new TreeSet<>(routes().keySet());
        Set<String> tabled = new TreeSet<>();
        MATRIX.forEach(row -> tabled.add(row.method() + " " + row.path()));
        assertThat(tabled).as("rows without a route").isSubsetOf(registered);
        assertThat(registered)
                .as("routes without a row in AccessMatrixTests.MATRIX")
                .isSubsetOf(tabled);
    }

    @Test
    void everyProtectedHandlerDeclaresItsRuleNextToTheRoute() {
        routes().forEach((route, handler) -> {
            boolean declared = handler.hasMethodAnnotation(PreAuthorize.class);
            Row row = MATRIX.stream()
                    .filter(r -> route.equals(r.method() + " " + r.path()))
                    .findFirst()
                    .orElseThrow();
            if (row.anonymous() != Outcome.ALLOWED) {
                assertThat(declared).as(route + " has no @PreAuthorize").isTrue();
            }
        });
    }

    @Test
    void theServiceEnforcesTheMatrix() throws Exception {
        AdminClient admin = new AdminClient(mvc);
        String auditorRole = RoleAdministrationTests.uniqueRole();
        admin.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/admin/roles"),
                "{\"name\":\"" + auditorRole + "\",\"description\":\"audit only\",\"permissions\":[\"audit:read\"]}");
        String userEmail = AuthClient.uniqueEmail();
        String auditorEmail = AuthClient.uniqueEmail();
        admin.createUser(userEmail);
        admin.createUser(auditorEmail, auditorRole);
        String target = admin.createUser(AuthClient.uniqueEmail()).get("id").asString();

        List<String> mismatches = new ArrayList<>();
        for (Row row : MATRIX) {
            Map<String, Outcome> expected = new LinkedHashMap<>();
            expected.put("anonymous", row.anonymous());
            expected.put("USER", row.user());
            expected.put("ADMIN", row.admin());
            expected.put("AUDITOR", row.auditor());
            for (Map.Entry<String, Outcome> cell : expected.entrySet()) {
                String bearer = switch (cell.getKey()) {
                    case "anonymous" -> null;
                    case "USER" ->
                        admin.auth.signIn(userEmail, AuthClient.PASSWORD).bearer();
                    case "AUDITOR" ->
                        admin.auth.signIn(auditorEmail, AuthClient.PASSWORD).bearer();
                    default ->
                        admin.auth
                                .signIn(AdminClient.ADMIN_EMAIL, AdminClient.ADMIN_PASSWORD)
                                .bearer();
                };
                Outcome actual = outcome(call(row, bearer, target));
                if (actual != cell.getValue()) {
                    mismatches.add(row.method() + " " + row.path() + " as " + cell.getKey() + ": expected "
                            + cell.getValue() + " but was " + actual);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void docsShowTheSameMatrix() throws Exception {
        DocBlocks.assertCurrent(Path.of("docs/security.md"), "access-matrix", markdown());
    }

    static String markdown() {
        StringBuilder table = new StringBuilder(
                "| route | anonymous | USER | ADMIN | custom role with `audit:read` |\n|---|---|---|---|---|\n");
        for (Row row : MATRIX) {
            table.append("| `")
                    .append(row.method())
                    .append(' ')
                    .append(row.path())
                    .append("` | ")
                    .append(cell(row.anonymous()))
                    .append(" | ")
                    .append(cell(row.user()))
                    .append(" | ")
                    .append(cell(row.admin()))
                    .append(" | ")
                    .append(cell(row.auditor()))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String cell(Outcome outcome) {
        return switch (outcome) {
            case ALLOWED -> "yes";
            case UNAUTHENTICATED -> "401";
            case FORBIDDEN -> "403";
        };
    }

    private MvcResult call(Row row, String bearer, String targetUser) throws Exception {
        String path = row.path()
                .replace(
                        "{id}",
                        row.path().contains("/sessions/") ? UUID.randomUUID().toString() : targetUser)
                .replace("{name}", "NO_SUCH_ROLE");
        String body = row.body()
                .replace("{email}", AuthClient.uniqueEmail())
                .replace("{role}", RoleAdministrationTests.uniqueRole())
                .replace("{unique}", UUID.randomUUID().toString());
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(row.method()), path);
        if (!body.isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return mvc.perform(request).andReturn();
    }

    private static Outcome outcome(MvcResult result) throws Exception {
        int status = result.getResponse().getStatus();
        String body = result.getResponse().getContentAsString();
        if (status == 401 && body.contains("/unauthenticated\"")) {
            return Outcome.UNAUTHENTICATED;
        }
        if (status == 403 && body.contains("/forbidden\"")) {
            return Outcome.FORBIDDEN;
        }
        return Outcome.ALLOWED;
    }

    private Map<String, HandlerMethod> routes() {
        Map<String, HandlerMethod> routes = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                if (NOT_IN_MATRIX_PREFIXES.stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    routes.put(method.name() + " " + pattern, entry.getValue());
                }
            }
        }
        return routes;
    }
}

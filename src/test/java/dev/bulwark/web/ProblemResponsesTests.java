package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.IntegrationTest;
import dev.bulwark.TestHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class ProblemResponsesTests {

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String OVERSIZED_HEADERS = "GET /api/v1/ping HTTP/1.1\r\nHost: localhost\r\nX-Big: "
            + "a".repeat(40_000) + "\r\nConnection: close\r\n\r\n";

    static void isProblem(ResultActions result, int status, String type) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/" + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(jsonPath("$.requestId").isString())
                .andExpect(jsonPath("$.traceId").value(matchesPattern("[0-9a-f]{32}")))
                .andExpect(content().string(not(containsString("Exception"))))
                // "trace" only as the traceId member: never a stack trace
                .andExpect(content().string(not(matchesPattern("(?s).*trace(?!Id\":\"[0-9a-f]{32}\").*"))));
    }

    @Test
    void unknownRouteOutsideTheApiIsNotFound() throws Exception {
        isProblem(mvc.perform(get("/no/such/page")), 404, "not-found");
        mvc.perform(get("/no/such/page")).andExpect(jsonPath("$.instance").value("/no/such/page"));
    }

    @Test
    void unknownApiRouteIsNotFoundForAnAuthenticatedCallerAndUnauthenticatedForAnonymous() throws Exception {
        isProblem(mvc.perform(get("/api/v1/no-such-thing").with(user("alice"))), 404, "not-found");
        isProblem(mvc.perform(get("/api/v1/no-such-thing")), 401, "unauthenticated");
    }

    @Test
    void anonymousCallToAProtectedRouteIs401WithBearerChallenge() throws Exception {
        ResultActions result = mvc.perform(get("/api/v1/test-protected"));
        isProblem(result, 401, "unauthenticated");
        result.andExpect(header().string("WWW-Authenticate", "Bearer"));
        mvc.perform(get("/api/v1/test-protected").with(user("alice"))).andExpect(status().isOk());
    }

    @Test
    void missingPermissionIs403() throws Exception {
        isProblem(mvc.perform(get("/test/guarded").with(user("alice"))), 403, "forbidden");
        mvc.perform(get("/test/guarded").with(user("root").authorities(() -> "test:admin")))
                .andExpect(status().isOk());
    }

    @Test
    void wrongMethodIs405WithAllowHeader() throws Exception {
        ResultActions result = mvc.perform(put("/test/echo"));
        isProblem(result, 405, "method-not-allowed");
        result.andExpect(header().string("Allow", containsString("POST")));
    }

    @Test
    void unsupportedMediaTypeIs415() throws Exception {
        isProblem(
                mvc.perform(post("/test/echo").contentType(MediaType.TEXT_PLAIN).content("name=x")),
                415,
                "unsupported-media-type");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        isProblem(
                mvc.perform(post("/test/echo")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": ")),
                400,
                "malformed-body");
    }

    @Test
    void missingBodyIs400() throws Exception {
        isProblem(mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON)), 400, "malformed-body");
    }

    @Test
    void beanValidationFailureListsEachField() throws Exception {
        ResultActions result = mvc.perform(post("/test/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"\", \"count\": 0, \"email\": \"not-an-email\"}"));
        isProblem(result, 400, "validation-failed");
        result.andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[1].field").value("email"))
                .andExpect(jsonPath("$.errors[2].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").isString());
    }

    @Test
    void missingRequiredFieldIsAValidationError() throws Exception {
        ResultActions result = mvc.perform(
                post("/test/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"a\"}"));
        isProblem(result, 400, "validation-failed");
        result.andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    void unknownFieldIsRejectedByName() throws Exception {
        ResultActions result = mvc.perform(post("/test/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"a\", \"count\": 1, \"admin\": true}"));
        isProblem(result, 400, "validation-failed");
        result.andExpect(jsonPath("$.errors[0].field").value("admin"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
    }

    @Test
    void wrongJsonTypeIsRejectedByField() throws Exception {
        ResultActions result = mvc.perform(post("/test/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"a\", \"count\": \"many\"}"));
        isProblem(result, 400, "validation-failed");
        result.andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    void nulCharacterInAJsonStringIsRejected() throws Exception {
        ResultActions result = mvc.perform(post("/test/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"a\\u0000b\", \"count\": 1}"));
        isProblem(result, 400, "validation-failed");
        result.andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value("must not contain NUL characters"));
    }

    @Test
    void nulCharacterInTheQueryIsRejected() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/test/items/" + java.util.UUID.randomUUID() + "?limit=1&q=a%00b")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid-parameter");
    }

    @Test
    void formBodiesAreNotParsedBehindTheLimitsBack() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/test/echo"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PUT", HttpRequest.BodyPublishers.ofString("a=%zz&" + "b=1&".repeat(10_000))));
        assertThat(response.statusCode()).isIn(405, 415);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void tooManyParametersIs400NotA500() throws Exception {
        String query = "limit=1" + "&a=1".repeat(1200);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/test/items/" + java.util.UUID.randomUUID() + "?" + query)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid-parameter");
    }

    @Test
    void frameworkWordingNeverReachesTheClient() throws Exception {
        mvc.perform(get("/test/items/not-a-uuid").param("limit", "5"))
                .andExpect(jsonPath("$.detail").value(not(containsString("not-a-uuid"))))
                .andExpect(content().string(not(containsString("convert"))));
        mvc.perform(get("/no/such/page")).andExpect(content().string(not(containsString("static resource"))));
        mvc.perform(get("/test/items/" + java.util.UUID.randomUUID()).param("limit", "0"))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void emptyParameterNameIsRejected() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/ping?=x")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid-parameter");
    }

    @Test
    void wrongUuidInPathAndMissingOrOutOfRangeParametersAre400() throws Exception {
        isProblem(mvc.perform(get("/test/items/not-a-uuid").param("limit", "5")), 400, "bad-request");
        isProblem(mvc.perform(get("/test/items/" + java.util.UUID.randomUUID())), 400, "bad-request");
        isProblem(
                mvc.perform(get("/test/items/" + java.util.UUID.randomUUID()).param("limit", "0")),
                400,
                "validation-failed");
        isProblem(
                mvc.perform(get("/test/items/" + java.util.UUID.randomUUID()).param("limit", "99999999999999999999")),
                400,
                "bad-request");
    }

    @Test
    void unexpectedExceptionIsAGeneric500WithoutInternals() throws Exception {
        ResultActions result = mvc.perform(get("/test/boom"));
        isProblem(result, 500, "internal-error");
        result.andExpect(content().string(not(containsString("hunter2"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("org.example"))));
    }

    @Test
    void bodyOverTheLimitWithContentLengthIs413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/test/raw"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("payload-too-large").contains("requestId");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] body = new byte[1024 * 1024 + 200_000];
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/test/raw"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void bodyWithinTheLimitIsRead() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/test/raw"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[500_000]))));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":500000}");
    }

    @Test
    void routeOverrideLowersTheLimit() throws Exception {
        HttpResponse<String> small = send(HttpRequest.newBuilder(uri("/test/small/raw"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100])));
        HttpResponse<String> large = send(HttpRequest.newBuilder(uri("/test/small/raw"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[101]))));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(large.statusCode()).isEqualTo(413);
    }

    @Test
    void oversizedHeadersGetAProblem() throws Exception {
        RawHttp.Response response = RawHttp.send(port, OVERSIZED_HEADERS);
        assertThat(response.status()).isEqualTo(431);
        assertThat(response.body()).contains("headers-too-large");
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + response.status()).contains("requestId");
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
    }

    /** Tomcat's own answer (before any filter) is built and written like a controller's, headers included. */
    @Test
    void errorAnsweredByTomcatItselfHasTheMembersAndHeadersOfAControllerError() throws Exception {
        RawHttp.Response tomcat = RawHttp.send(port, OVERSIZED_HEADERS);
        RawHttp.Response controller =
                RawHttp.send(port, "GET /test/boom HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(tomcat.status()).isEqualTo(431);
        assertThat(controller.status()).isEqualTo(500);
        Map<String, Object> fromTomcat = members(tomcat);
        Map<String, Object> fromController = members(controller);
        assertThat(List.copyOf(fromTomcat.keySet()))
                .containsExactly("type", "title", "status", "detail", "instance", "requestId", "traceId")
                .isEqualTo(List.copyOf(fromController.keySet()));
        assertThat(fromTomcat.get("instance")).isEqualTo("/api/v1/ping");
        assertThat(fromTomcat.get("requestId")).isEqualTo(tomcat.header("x-request-id"));
        // No filter ran for Tomcat's refusal: it gets a trace of its own, not the controller error's
        assertThat(fromTomcat.get("traceId"))
                .asString()
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(fromController.get("traceId"));
        for (String name : List.of(
                "content-security-policy",
                "strict-transport-security",
                "x-content-type-options",
                "x-frame-options",
                "referrer-policy",
                "permissions-policy",
                "cross-origin-opener-policy",
                "cross-origin-resource-policy",
                "cache-control")) {
            assertThat(tomcat.header(name)).as(name).isNotNull().isEqualTo(controller.header(name));
        }
        assertThat(tomcat.header("content-type")).isEqualTo(controller.header("content-type"));
    }

    @Test
    void brokenRequestLineGetsAProblemWithTheSecurityHeaders() throws Exception {
        RawHttp.Response response =
                RawHttp.send(port, "GET /api/v1/pi{ng HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        Map<String, Object> body = members(response);
        assertThat(body)
                .containsEntry("type", "https://bulwark.dev/problems/bad-request")
                .containsEntry("status", 400)
                .containsEntry("requestId", response.header("x-request-id"));
        assertThat(response.header("content-security-policy")).isEqualTo(SecurityHeadersTests.API_CSP);
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
    }

    @Test
    void hostOutsideTheAllowlistIs400() throws Exception {
        RawHttp.Response response =
                RawHttp.send(port, "GET /api/v1/ping HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("invalid-host");
        assertThat(response.header("content-security-policy")).startsWith("default-src 'none'");
    }

    @Test
    void malformedPercentEscapeIs400() throws Exception {
        RawHttp.Response inQuery =
                RawHttp.send(port, "GET /api/v1/ping?x=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        RawHttp.Response inPath =
                RawHttp.send(port, "GET /api/v1/pi%zzng HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(inPath.status()).isEqualTo(400);
        assertThat(inPath.header("content-type")).startsWith("application/problem+json");
        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.body()).contains("invalid-parameter").contains("malformed percent-escape");
    }

    private static Map<String, Object> members(RawHttp.Response response) {
        return JSON.readValue(response.body(), new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return TestHttp.send(request);
    }
}

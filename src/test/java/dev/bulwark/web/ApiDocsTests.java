package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.bulwark.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class ApiDocsTests {

    static final Path CHECKED_IN = Path.of("docs/openapi.json");

    @Autowired
    MockMvc mvc;

    /** Run with -Dbulwark.openapi.update=true to rewrite docs/openapi.json after an intended API change. */
    @Test
    void checkedInSpecMatchesTheRunningService() throws Exception {
        String live = body(mvc.perform(get("/v3/api-docs")).andReturn()).strip() + "\n";
        if (Boolean.getBoolean("bulwark.openapi.update")) {
            Files.writeString(CHECKED_IN, live);
        }
        assertThat(live).contains("\"openapi\" : \"3.1.0\"");
        assertThat(Files.readString(CHECKED_IN))
                .as("docs/openapi.json drifted from the running service; rerun with -Dbulwark.openapi.update=true")
                .isEqualTo(live);
    }

    @Test
    void specDocumentsProblemResponsesAndHidesTestRoutes() throws Exception {
        String spec = body(mvc.perform(get("/v3/api-docs")).andReturn());
        assertThat(spec)
                .contains("application/problem+json")
                .contains("\"Problem\"")
                .doesNotContain("/test/")
                .doesNotContain("\"/error\"");
    }

    /** The YAML form is the same public document as the JSON one, not a protected route. */
    @Test
    void yamlSpecIsPublicLikeTheJsonOne() throws Exception {
        MvcResult json = mvc.perform(get("/v3/api-docs")).andReturn();
        MvcResult yaml = mvc.perform(get("/v3/api-docs.yaml")).andReturn();
        assertThat(json.getResponse().getStatus()).isEqualTo(200);
        assertThat(yaml.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(yaml)).startsWith("openapi: 3.1.0").contains("/api/v1/ping:");
        assertThat(yaml.getResponse().getHeader("Content-Security-Policy"))
                .isEqualTo(json.getResponse().getHeader("Content-Security-Policy"));
    }

    @Test
    void swaggerUiAndRedocAreServedWithoutAnyCdn() throws Exception {
        MvcResult swagger = mvc.perform(get("/swagger-ui/index.html")).andReturn();
        assertThat(swagger.getResponse().getStatus()).isEqualTo(200);
        MvcResult redoc = mvc.perform(get("/redoc.html")).andReturn();
        assertThat(redoc.getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/webjars/redoc/redoc.standalone.js"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        for (String page : new String[] {body(swagger), body(redoc)}) {
            assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
        }
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}

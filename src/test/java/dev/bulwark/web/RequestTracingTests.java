package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import dev.bulwark.IntegrationTest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestTracingTests {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Autowired
    MockMvc mvc;

    @Test
    void aValidClientRequestIdIsEchoedAndUsedInProblems() throws Exception {
        mvc.perform(get("/nowhere").header("X-Request-ID", "client-id_1.2"))
                .andExpect(header().string("X-Request-ID", "client-id_1.2"))
                .andExpect(jsonPath("$.requestId").value("client-id_1.2"));
    }

    @Test
    void anInvalidOrOverlongRequestIdIsReplaced() throws Exception {
        for (String bad : new String[] {"has space", "a".repeat(65), "<script>", "x\u00e9"}) {
            String echoed = mvc.perform(get("/api/v1/ping").header("X-Request-ID", bad))
                    .andReturn()
                    .getResponse()
                    .getHeader("X-Request-ID");
            assertThat(echoed).isNotEqualTo(bad).matches(UUID_PATTERN);
        }
    }

    @Test
    void aMissingRequestIdIsGenerated() throws Exception {
        String id = mvc.perform(get("/api/v1/ping")).andReturn().getResponse().getHeader("X-Request-ID");
        assertThat(id).matches(UUID_PATTERN);
    }

    @Test
    void everyLogLineOfTheRequestCarriesItsIdAndTheAccessLineHasNoQueryOrSecrets(CapturedOutput output)
            throws Exception {
        String id = "trace-" + UUID.randomUUID();
        mvc.perform(get("/test/boom")
                .queryParam("token", "query-secret-value")
                .header("X-Request-ID", id)
                .header("X-Api-Key", "header-secret-value")
                .header("Cookie", "session=cookie-secret-value"));

        assertThat(AccessLogLines.of(output, id))
                .contains("GET /test/boom -> 500")
                .contains("\"http\":{\"method\":\"GET\",\"route\":\"/test/boom\",\"status\":500}")
                .contains("\"duration\":{\"ms\":");
        assertThat(output.getOut().lines().filter(line -> line.contains(id)))
                .anyMatch(line -> line.contains("Unhandled exception"));
        assertThat(output.getOut())
                .doesNotContain("query-secret-value")
                .doesNotContain("header-secret-value")
                .doesNotContain("cookie-secret-value");
    }

    @Test
    void productionLogsAreStructuredJson(CapturedOutput output) throws Exception {
        String id = "json-" + UUID.randomUUID();
        mvc.perform(get("/api/v1/ping").header("X-Request-ID", id));
        assertThat(AccessLogLines.of(output, id))
                .startsWith("{")
                .contains("\"requestId\":\"" + id + "\"")
                .contains("\"status\":200");
    }
}

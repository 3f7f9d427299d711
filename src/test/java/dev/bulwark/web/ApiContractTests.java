package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Properties of the checked-in contract (docs/openapi.json), which ApiDocsTests keeps equal to the running service. */
class ApiContractTests {

    private final JsonNode spec = JsonMapper.shared().readTree(Files.readString(Path.of("docs/openapi.json")));

    ApiContractTests() throws Exception {}

    @Test
    void everyErrorResponseIsDocumentedAsAProblem() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response :
                        operation.getValue().get("responses").properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        JsonNode content = response.getValue().path("content");
                        if (content.size() != 1 || !content.has("application/problem+json")) {
                            wrong.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOperationDocumentsItsSuccessAndErrorIsNoOperation() {
        assertThat(spec.get("paths").has("/error"))
                .as("/error is no API operation")
                .isFalse();
        List<String> withoutSuccess = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                boolean documented = operation.getValue().get("responses").properties().stream()
                        // A redirect is the success of the browser sign-in routes (302 to the provider, back to the
                        // app).
                        .anyMatch(response -> (response.getKey().startsWith("2")
                                        || response.getKey().startsWith("3"))
                                && !response.getValue()
                                        .path("description")
                                        .asString("")
                                        .isBlank());
                if (!documented) {
                    withoutSuccess.add(operation.getKey() + " " + path.getKey());
                }
            }
        }
        assertThat(withoutSuccess)
                .as("operations without a described 2xx (or redirect) response")
                .isEmpty();
    }

    @Test
    void everyApiOperationDocumentsRateLimitingAndServerErrors() {
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode responses = operation.getValue().get("responses");
                assertThat(responses.has("429"))
                        .as(operation.getKey() + " " + path.getKey())
                        .isTrue();
                assertThat(responses.has("500"))
                        .as(operation.getKey() + " " + path.getKey())
                        .isTrue();
                assertThat(responses.has("400"))
                        .as(operation.getKey() + " " + path.getKey())
                        .isTrue();
            }
        }
    }
}

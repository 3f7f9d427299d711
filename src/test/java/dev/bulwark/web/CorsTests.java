package dev.bulwark.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The test profile allows exactly https://app.example.test, with credentials. */
@IntegrationTest
class CorsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void preflightFromAnAllowedOriginIsAnswered() throws Exception {
        mvc.perform(options("/api/v1/ping")
                        .header("Origin", "https://app.example.test")
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "Authorization"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://app.example.test"))
                .andExpect(header().string("Access-Control-Allow-Credentials", "true"))
                .andExpect(header().exists("Access-Control-Allow-Methods"));
    }

    @Test
    void simpleRequestFromAnAllowedOriginExposesTheRequestId() throws Exception {
        mvc.perform(get("/api/v1/ping").header("Origin", "https://app.example.test"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://app.example.test"))
                .andExpect(header().string(
                                "Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-Request-ID")));
    }

    @Test
    void anotherOriginIsRefusedWithAProblem() throws Exception {
        ProblemResponsesTests.isProblem(
                mvc.perform(options("/api/v1/ping")
                        .header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "GET")),
                403,
                "forbidden");
        mvc.perform(get("/api/v1/ping").header("Origin", "https://evil.example"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }
}

package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The test profile limits /test/limited/** to 3 requests an hour per client IP. */
@IntegrationTest
class RateLimitTests {

    @Autowired
    MockMvc mvc;

    @Test
    void limitedResponsesCarryTheHeadersAndTheFourthRequestGetsA429() throws Exception {
        for (int remaining = 2; remaining >= 0; remaining--) {
            mvc.perform(get("/test/limited/ping").header("X-Forwarded-For", "203.0.113." + remaining))
                    .andExpect(status().isOk())
                    .andExpect(header().string("RateLimit-Limit", "3"))
                    .andExpect(header().string("RateLimit-Remaining", Integer.toString(remaining)))
                    .andExpect(header().exists("RateLimit-Reset"))
                    .andExpect(header().string("X-RateLimit-Limit", "3"))
                    .andExpect(header().string("X-RateLimit-Remaining", Integer.toString(remaining)));
        }
        // A different X-Forwarded-For from an untrusted client does not open a new bucket.
        MvcResult refused = mvc.perform(get("/test/limited/ping").header("X-Forwarded-For", "198.51.100.7"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/too-many-requests"))
                .andExpect(header().string("RateLimit-Remaining", "0"))
                .andExpect(header().exists("Content-Security-Policy"))
                .andReturn();
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After")))
                .isBetween(1L, 3600L);
    }

    @Test
    void everyApiResponseCarriesTheGlobalLimitHeaders() throws Exception {
        mvc.perform(get("/api/v1/ping"))
                .andExpect(status().isOk())
                .andExpect(header().string("RateLimit-Limit", "1000000"))
                .andExpect(header().exists("RateLimit-Remaining"));
    }
}

package dev.bulwark.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.IntegrationTest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

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

    /** One subscriber holds a whole /64: its 2^64 addresses share one bucket, another /64 has its own. */
    @Test
    void ipv6ClientsAreCountedPerSlash64() throws Exception {
        String network =
                "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ":7:";
        for (int i = 1; i <= 3; i++) {
            mvc.perform(get("/test/limited/ping").with(from(network + i + "::" + i)))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/test/limited/ping").with(from(network + "ffff:ffff:ffff:ffff")))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("https://bulwark.dev/problems/too-many-requests"));
        mvc.perform(get("/test/limited/ping").with(from(network.replace(":7:", ":8:") + "1")))
                .andExpect(status().isOk())
                .andExpect(header().string("RateLimit-Remaining", "2"));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void everyApiResponseCarriesTheGlobalLimitHeaders() throws Exception {
        mvc.perform(get("/api/v1/ping"))
                .andExpect(status().isOk())
                .andExpect(header().string("RateLimit-Limit", "1000000"))
                .andExpect(header().exists("RateLimit-Remaining"));
    }
}

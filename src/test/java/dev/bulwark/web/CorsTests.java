package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.filter.CorsFilter;

/** The test profile allows exactly https://app.example.test, with credentials. */
@IntegrationTest
class CorsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ProblemWriter writer;

    @Autowired
    Problems problems;

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

    /**
     * With no origin listed CORS stays off: no Access-Control-* header, so a browser withholds the answer from the
     * other origin's page and fails the preflight. The request itself is answered (a non-browser client could send
     * it without Origin anyway), and refusing by Origin would also refuse same-origin calls behind a TLS proxy.
     */
    @Test
    void withNoOriginConfiguredNoCorsHeaderIsSent() throws Exception {
        WebProperties none = Binder.get(new MockEnvironment()).bindOrCreate("bulwark.web", WebProperties.class);
        CorsFilter cors = new WebFilters(none, writer, problems, List.of()).cors();
        for (MockHttpServletRequest request :
                List.of(crossOrigin("GET"), crossOrigin("OPTIONS").withPreflight())) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            cors.doFilter(request, response, chain);
            // a GET reaches the route; a preflight is answered empty by the filter itself
            assertThat(chain.getRequest() != null).isEqualTo(request.getMethod().equals("GET"));
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderNames()).noneMatch(name -> name.startsWith("Access-Control-"));
        }
    }

    private static CrossOrigin crossOrigin(String method) {
        CrossOrigin request = new CrossOrigin(method);
        request.addHeader("Origin", "https://evil.example");
        return request;
    }

    private static final class CrossOrigin extends MockHttpServletRequest {
        CrossOrigin(String method) {
            super(method, "/api/v1/ping");
        }

        CrossOrigin withPreflight() {
            addHeader("Access-Control-Request-Method", "GET");
            return this;
        }
    }
}

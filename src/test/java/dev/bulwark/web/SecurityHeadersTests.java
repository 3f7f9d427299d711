package dev.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.IntegrationTest;
import dev.bulwark.TestHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
class SecurityHeadersTests {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    static void hasSecurityHeaders(ResultActions result, String csp) throws Exception {
        result.andExpect(header().string("Content-Security-Policy", csp))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().exists("Permissions-Policy"))
                .andExpect(header().string("Cross-Origin-Opener-Policy", "same-origin"))
                .andExpect(header().string("Cross-Origin-Resource-Policy", "same-origin"))
                .andExpect(header().exists("X-Request-ID"));
    }

    @Test
    void successfulApiResponseCarriesEveryHeaderAndNoStore() throws Exception {
        ResultActions result = mvc.perform(get("/api/v1/ping")).andExpect(status().isOk());
        hasSecurityHeaders(result, API_CSP);
        result.andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void errorResponsesCarryTheSameHeaders() throws Exception {
        hasSecurityHeaders(mvc.perform(get("/nowhere")).andExpect(status().isNotFound()), API_CSP);
        hasSecurityHeaders(mvc.perform(get("/test/boom")).andExpect(status().isInternalServerError()), API_CSP);
        hasSecurityHeaders(mvc.perform(get("/api/v1/test-protected")).andExpect(status().isUnauthorized()), API_CSP);
    }

    @Test
    void rejectedBodyOnTheWireCarriesTheHeaders() throws Exception {
        HttpResponse<String> response = TestHttp.send(TestHttp.port(port)
                .request("/test/raw")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1_300_000]))));
        assertThat(response.statusCode()).isEqualTo(413);
        HttpHeaders headers = response.headers();
        assertThat(headers.firstValue("Content-Security-Policy")).hasValue(API_CSP);
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Cache-Control")).hasValue("no-store");
        assertThat(headers.firstValue("X-Request-ID")).isPresent();
    }

    @Test
    void hstsIsSentEvenWhenTlsEndsAtAProxy() throws Exception {
        mvc.perform(get("/api/v1/ping").secure(true))
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
        mvc.perform(get("/api/v1/ping"))
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
    }

    @Test
    void docsUiGetsOnlyTheCspRelaxationItNeeds() throws Exception {
        ResultActions result = mvc.perform(get("/redoc.html")).andExpect(status().isOk());
        hasSecurityHeaders(result, SecurityHeaders.DOCS_CSP);
        assertThat(SecurityHeaders.DOCS_CSP)
                .contains("script-src 'self';")
                .doesNotContain("unsafe-eval")
                .doesNotContain("script-src 'self' 'unsafe-inline'")
                .contains("frame-ancestors 'none'");
    }
}

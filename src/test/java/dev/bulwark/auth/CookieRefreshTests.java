package dev.bulwark.auth;

import static dev.bulwark.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.bulwark.AuthClient;
import dev.bulwark.IntegrationTest;
import dev.bulwark.web.WebProperties;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A refresh that uses the cookie must be one a browser sends only for this service or an allowed origin. */
@IntegrationTest
class CookieRefreshTests {

    private static final String FORBIDDEN_TYPE = "https://bulwark.dev/problems/cross-site-refresh";

    @Autowired
    MockMvc mvc;

    @Autowired
    WebProperties web;

    @Test
    void theCookieLivesOnTheRefreshRouteOnlyAndTheOldWiderOneIsCleared() throws Exception {
        List<String> setCookies = signInWithCookie().getResponse().getHeaders("Set-Cookie");
        assertThat(setCookies.getFirst()).contains("Path=/api/v1/auth/refresh;").contains("SameSite=Strict");
        assertThat(setCookies.get(1)).startsWith("bulwark_refresh=;").contains("Path=/api/v1/auth;", "Max-Age=0");
    }

    @Test
    void aJsonRefreshFromThisServiceOrAnAllowedOriginWorks() throws Exception {
        String cookie = cookieOf(signInWithCookie());
        MvcResult own = mvc.perform(json(refresh(cookie))
                        .header("Host", "localhost")
                        .header("Origin", "http://localhost")
                        .header("Sec-Fetch-Site", "same-origin"))
                .andReturn();
        assertThat(own.getResponse().getStatus())
                .as(own.getResponse().getContentAsString())
                .isEqualTo(200);
        MvcResult allowed = mvc.perform(json(refresh(cookieOf(own)))
                        .header("Origin", "https://app.example.test")
                        .header("Sec-Fetch-Site", "same-site"))
                .andReturn();
        assertThat(allowed.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aBodilessRefreshWithoutContentTypeIsRefusedAndLeavesTheTokenUnused() throws Exception {
        String cookie = cookieOf(signInWithCookie());
        assertRefused(mvc.perform(refresh(cookie)).andReturn(), true);
        assertThat(mvc.perform(json(refresh(cookie))).andReturn().getResponse().getStatus())
                .as("the refused request did not use the token up")
                .isEqualTo(200);
    }

    @Test
    void aCrossSiteRefreshIsRefused() throws Exception {
        String cookie = cookieOf(signInWithCookie());
        assertRefused(
                mvc.perform(json(refresh(cookie)).header("Sec-Fetch-Site", "cross-site"))
                        .andReturn(),
                true);
        assertThat(mvc.perform(json(refresh(cookie))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void aRefreshFromASiblingOrForeignOriginIsRefused() throws Exception {
        String cookie = cookieOf(signInWithCookie());
        for (String origin : new String[] {"https://evil.example.test", "https://evil.example", "null"}) {
            // the CORS filter refuses origins it does not allow before the controller does: either 403 will do
            assertRefused(
                    mvc.perform(json(refresh(cookie)).header("Origin", origin)).andReturn(), false);
        }
        assertThat(mvc.perform(json(refresh(cookie))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void withNoAllowedOriginsOnlyThisServicesOwnOriginMayUseTheCookie() {
        WebProperties.Cors none = new WebProperties.Cors(List.of(), List.of(), List.of(), List.of(), false, null);
        CookieRefreshCheck check = new CookieRefreshCheck(
                new WebProperties(web.maxBodySize(), null, null, web.problemBaseUri(), none, null, 64));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", AuthController.REFRESH);
        request.setContentType("application/json");
        request.addHeader("Host", "api.example.test");
        request.addHeader("Origin", "https://api.example.test");
        check.check(request);
        MockHttpServletRequest sibling = new MockHttpServletRequest("POST", AuthController.REFRESH);
        sibling.setContentType("application/json");
        sibling.addHeader("Host", "api.example.test");
        sibling.addHeader("Origin", "https://app.example.test");
        assertThatThrownBy(() -> check.check(sibling)).isInstanceOf(AuthProblems.CrossSiteRefresh.class);
    }

    @Test
    void aTokenInTheBodyNeedsNoOriginCheck() throws Exception {
        AuthClient client = new AuthClient(mvc);
        String email = AuthClient.uniqueEmail();
        AuthClient.Tokens tokens = client.newUser(email);
        assertThat(mvc.perform(post(AuthController.REFRESH)
                                .contentType(MediaType.APPLICATION_JSON)
                                .header("Sec-Fetch-Site", "cross-site")
                                .content(AuthClient.json("refreshToken", tokens.refreshToken())))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("a forged request cannot know the token: API clients are not browsers")
                .isEqualTo(200);
    }

    private void assertRefused(MvcResult result, boolean byThisCheck) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(result.getResponse().getHeader("Set-Cookie"))
                .as("no new token")
                .isNull();
        if (byThisCheck) {
            assertThat(result.getResponse().getContentAsString()).contains(FORBIDDEN_TYPE);
        }
    }

    private MvcResult signInWithCookie() throws Exception {
        String email = AuthClient.uniqueEmail();
        new AuthClient(mvc).newUser(email);
        return mvc.perform(post(AuthController.LOGIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                                + "\",\"tokenDelivery\":\"cookie\"}"))
                .andReturn();
    }

    private static String cookieOf(MvcResult result) {
        String setCookie = result.getResponse().getHeader("Set-Cookie");
        assertThat(setCookie).as("a refresh cookie").isNotNull().startsWith("bulwark_refresh=");
        return setCookie.substring("bulwark_refresh=".length(), setCookie.indexOf(';'));
    }

    private static MockHttpServletRequestBuilder refresh(String cookie) {
        return post(AuthController.REFRESH).cookie(new Cookie(AuthController.COOKIE, cookie));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request) {
        return request.contentType(MediaType.APPLICATION_JSON).content("{}");
    }
}

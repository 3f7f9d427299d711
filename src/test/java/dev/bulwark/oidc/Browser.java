package dev.bulwark.oidc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/** A browser for MockMvc: keeps the cookies the service sets and sends them back, as a browser would. */
final class Browser {

    static final String COOKIE = "__Host-bulwark-session";
    static final String ORIGIN = "http://localhost";

    private final MockMvc mvc;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String userAgent = "Mozilla/5.0 (test browser)";

    Browser(MockMvc mvc) {
        this.mvc = mvc;
    }

    MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        cookies.forEach((name, value) -> request.cookie(new Cookie(name, value)));
        request.header("User-Agent", userAgent);
        MvcResult result = mvc.perform(request).andReturn();
        for (Cookie cookie : result.getResponse().getCookies()) {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        return result;
    }

    @Nullable
    String sessionCookie() {
        return cookies.get(COOKIE);
    }

    void useUserAgent(String value) {
        userAgent = value;
    }

    void useSessionCookie(String value) {
        cookies.put(COOKIE, value);
    }

    /** {@code /auth/web/login}: the authorization request the browser is sent to. */
    URI startSignIn(String returnTo) throws Exception {
        MvcResult result =
                perform(get("/auth/web/login").param("provider", "mock").param("return_to", returnTo));
        if (result.getResponse().getStatus() != 302) {
            throw new AssertionError("login answered " + result.getResponse().getStatus() + ": "
                    + result.getResponse().getContentAsString());
        }
        return URI.create(result.getResponse().getRedirectedUrl());
    }

    MvcResult callback(Map<String, String> parameters) throws Exception {
        MockHttpServletRequestBuilder request = get("/auth/web/callback");
        parameters.forEach(request::param);
        return perform(request);
    }

    /** A whole sign-in as this identity; answers the callback's result. */
    MvcResult signIn(String subject, Map<String, Object> claims) throws Exception {
        TestIdentityProvider.nextSignIn(subject, claims);
        return callback(TestIdentityProvider.authorize(startSignIn("/app")));
    }

    String csrfToken() throws Exception {
        MvcResult me = perform(get("/auth/web/me"));
        if (me.getResponse().getStatus() != 200) {
            throw new AssertionError("/auth/web/me answered " + me.getResponse().getStatus());
        }
        return JsonMapper.shared()
                .readTree(me.getResponse().getContentAsString())
                .get("csrfToken")
                .asString();
    }

    static void expectStatus(MvcResult result, int expected) throws Exception {
        if (result.getResponse().getStatus() != expected) {
            throw new AssertionError("expected " + expected + ", answered "
                    + result.getResponse().getStatus() + ": "
                    + result.getResponse().getContentAsString());
        }
    }
}

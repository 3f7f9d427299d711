package dev.bulwark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the sign-in API through HTTP (MockMvc) the way a client would. */
public final class AuthClient {

    public static final String PASSWORD = "correct horse battery staple";

    public record Tokens(String accessToken, String refreshToken) {
        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    private final MockMvc mvc;

    public AuthClient(MockMvc mvc) {
        this.mvc = mvc;
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    public ResultActions register(String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json("email", email, "password", password, "displayName", "Test User")));
    }

    public ResultActions login(String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json("email", email, "password", password)));
    }

    public ResultActions refresh(String refreshToken) throws Exception {
        return mvc.perform(post("/api/v1/auth/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json("refreshToken", refreshToken)));
    }

    public ResultActions me(Tokens tokens) throws Exception {
        return mvc.perform(get("/api/v1/me").header("Authorization", tokens.bearer()));
    }

    /** Registers a fresh account and signs in. */
    public Tokens newUser(String email) throws Exception {
        assertThat(register(email, PASSWORD).andReturn().getResponse().getStatus())
                .isEqualTo(202);
        return tokens(login(email, PASSWORD).andReturn());
    }

    public Tokens signIn(String email, String password) throws Exception {
        return tokens(login(email, password).andReturn());
    }

    public static Tokens tokens(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(200);
        JsonNode body = JsonMapper.shared().readTree(result.getResponse().getContentAsString());
        return new Tokens(
                body.get("accessToken").asString(), body.path("refreshToken").asString(""));
    }

    public static String json(String... keysAndValues) {
        var node = JsonMapper.shared().createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node.toString();
    }
}

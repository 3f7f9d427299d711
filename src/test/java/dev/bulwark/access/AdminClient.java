package dev.bulwark.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.AuthClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bootstrap admin of the test profile, calling the admin API. */
public final class AdminClient {

    static final String ADMIN_EMAIL = "admin@bootstrap.test";
    static final String ADMIN_PASSWORD = "bootstrap root passphrase";

    private final MockMvc mvc;
    final AuthClient auth;
    private AuthClient.Tokens admin;

    public AdminClient(MockMvc mvc) throws Exception {
        this.mvc = mvc;
        this.auth = new AuthClient(mvc);
        this.admin = auth.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", admin.bearer()));
    }

    public ResultActions perform(MockHttpServletRequestBuilder request, String body) throws Exception {
        return perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    public static JsonNode json(ResultActions result) throws Exception {
        return JsonMapper.shared().readTree(result.andReturn().getResponse().getContentAsString());
    }

    /** Creates an account through the admin API and returns it. */
    public JsonNode createUser(String email, String... roles) throws Exception {
        String roleList = roles.length == 0 ? "" : ",\"roles\":[\"" + String.join("\",\"", roles) + "\"]";
        ResultActions result = perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/admin/users"),
                "{\"email\":\"" + email + "\",\"password\":\"" + AuthClient.PASSWORD
                        + "\",\"displayName\":\"Made By Admin\"" + roleList + "}");
        assertThat(result.andReturn().getResponse().getStatus())
                .as(result.andReturn().getResponse().getContentAsString())
                .isEqualTo(201);
        return json(result);
    }
}

package dev.bulwark.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.Slow;
import dev.bulwark.TestHttp;
import dev.bulwark.TestServices;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/** What a client sees the moment the API port opens. */
@Slow // starts an application of its own
class StartupTests {

    /**
     * The sign-in is sent from the listener of the event the web server publishes right after its port opens, and
     * the start waits for it: it is the earliest request any client could make, not a race with a timer.
     */
    @Test
    void theBootstrapAdminCanSignInAsSoonAsTheApiPortAcceptsRequests() {
        String email = "admin-" + UUID.randomUUID() + "@startup.test";
        String password = "a startup root passphrase";
        AtomicReference<String> firstSignIn = new AtomicReference<>();
        ApplicationListener<ApplicationEvent> signInAtOnce = event -> {
            if (event instanceof WebServerInitializedEvent opened
                    && opened.getApplicationContext().getServerNamespace() == null) {
                firstSignIn.set(signIn(opened.getWebServer().getPort(), email, password));
            }
        };
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BulwarkApplication.class)
                .profiles("test")
                .listeners(signInAtOnce)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--bulwark.redis.key-prefix=" + TestServices.keyPrefix() + "startup-" + UUID.randomUUID() + ":",
                        "--bulwark.bootstrap.admin.email=" + email,
                        "--bulwark.bootstrap.admin.password=" + password)) {
            assertThat(firstSignIn.get()).startsWith("200 ").contains("accessToken");
        }
    }

    private static String signIn(int port, String email, String password) {
        try {
            HttpResponse<String> response = TestHttp.port(port)
                    .postJson(
                            "/api/v1/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password));
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }
}

package dev.bulwark.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in to the service through the dev Keycloak in a real browser: the dev IdP of a throwaway project, the
 * service's jar in local mode with the {@code bulwark.oidc.*} settings {@code dev start --idp} prints, and
 * {@code src/test/browser/sign-in.mjs} in Debian's chromium (playwright-core from npm, no browser download).
 */
@Tag("slow")
class DevIdpBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path folder;

    DevProject project;
    BrowserTools.Service service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
        if (project != null) {
            project.stopQuietly();
        }
    }

    @Test
    void aliceSignsInThroughKeycloakAndTheBrowserHoldsOnlyAnHttpOnlySessionCookie() throws Exception {
        Path jar = Path.of(System.getProperty("bulwark.source", "..")).resolve("target/bulwark.jar");
        assumeTrue(
                Files.isRegularFile(jar),
                jar + " is not built: './bulwark test' builds it before the CLI's tests (or mvn package in the root)");
        requireChromium();
        Path browser = BrowserTools.playwright(Path.of("target/browser"));
        project = new DevProject(Files.createDirectories(folder.resolve("project")));
        int[] ports = DevProject.freePorts(3);
        DevProject.Run started =
                project.start("--idp", "--idp-port", String.valueOf(ports[0]), "--app-port", String.valueOf(ports[1]));
        assertThat(started.exitCode()).as(started.out() + started.err()).isZero();
        DevFolder dev = DevFolder.of(project.root);
        DevState state = DevState.load(dev.stateFile());
        service = BrowserTools.Service.start(
                jar, folder.resolve("service"), ports[1], ports[2], IdpSettings.properties(dev, state));

        BrowserTools.Result signIn = BrowserTools.node(
                browser,
                Path.of("src/test/browser/sign-in.mjs"),
                Map.of(
                        "BULWARK_APP_URL",
                        "http://localhost:" + ports[1],
                        "BULWARK_IDP_USER",
                        IdpRealm.ALICE,
                        "BULWARK_IDP_PASSWORD",
                        project.secret(Secrets.IDP_ALICE),
                        "BULWARK_CHROMIUM",
                        CHROMIUM.toString()));

        assertThat(signIn.exitCode())
                .as("sign-in.mjs said:\n%s\nthe service's log ends:\n%s", signIn.output(), service.logTail())
                .isZero();
        assertThat(signIn.output()).contains("signed in as alice@example.com");
        System.out.println(signIn.output()); // the round trip's time, for docs/oidc.md
    }

    /** CI installs chromium (.ci/run); elsewhere the test is skipped without it. */
    static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String message = CHROMIUM + " is missing: apt-get install chromium fonts-liberation";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}

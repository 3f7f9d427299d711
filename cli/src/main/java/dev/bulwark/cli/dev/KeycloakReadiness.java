package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits until Keycloak serves the realm's discovery document: then the realm is imported and a sign-in can begin. A
 * Keycloak that exits or does not answer in time is reported with the end of its log (and one still starting is
 * stopped, not left behind).
 */
final class KeycloakReadiness {

    private static final Duration POLL = Duration.ofMillis(500);

    private KeycloakReadiness() {}

    static String discovery(int port) {
        return "http://" + Ports.HOST + ":" + port + "/realms/" + IdpRealm.NAME + "/.well-known/openid-configuration";
    }

    static void await(DevIdp idp, int port) {
        long deadline = System.nanoTime() + DevIdp.READY_WITHIN.toNanos();
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                pause();
                if (answers(client, port)) {
                    return;
                }
                if (idp.process().isEmpty()) {
                    throw failed(idp, "Keycloak exited while starting");
                }
            }
        }
        idp.stop();
        throw failed(
                idp,
                "Keycloak did not serve " + discovery(port) + " within " + DevIdp.READY_WITHIN.toSeconds()
                        + " s, so it was stopped");
    }

    private static boolean answers(HttpClient client, int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(discovery(port)))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }

    private static CliError failed(DevIdp idp, String what) {
        return new CliError(
                what + ":\n" + String.join("\n", LogFiles.tail(idp.log(), 15)) + "\n(log: " + idp.log() + ")");
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted");
        }
    }
}

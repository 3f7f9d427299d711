package dev.bulwark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.ApplicationContext;

/**
 * The tests' one client for real sockets, where MockMvc ({@link AuthClient}) cannot go: the servlet container's error
 * dispatch, the management port, instances a test starts itself. Malformed requests that no HTTP client would send
 * go through {@code web.RawHttp}. One {@link HttpClient} serves the whole run (it is thread-safe and pools
 * connections); requests made with {@link #request} time out after {@link #TIMEOUT} unless the test sets its own.
 */
public record TestHttp(String baseUrl) {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public static TestHttp port(int port) {
        return new TestHttp("http://localhost:" + port);
    }

    /** The public port of an application a test started itself. */
    public static TestHttp of(ApplicationContext app) {
        return port(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send(request(path));
    }

    /** A GET with an {@code Authorization} header (none when it is null), e.g. {@code tokens.bearer()}. */
    public HttpResponse<String> get(String path, String authorization) throws Exception {
        return send(authorized(request(path), authorization));
    }

    public HttpResponse<String> postJson(String path, String json) throws Exception {
        return postJson(path, json, null);
    }

    public HttpResponse<String> postJson(String path, String json, String authorization) throws Exception {
        return send(authorized(request(path), authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws Exception {
        return CLIENT.send(request.build(), body);
    }

    public static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

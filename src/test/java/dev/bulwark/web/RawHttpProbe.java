package dev.bulwark.web;

import java.io.IOException;

/** {@link RawHttp} for tests outside this package. */
public final class RawHttpProbe {

    public record Response(int status, String body) {}

    private RawHttpProbe() {}

    public static Response get(int port, String path, String host) throws IOException {
        RawHttp.Response response =
                RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        return new Response(response.status(), response.body());
    }
}

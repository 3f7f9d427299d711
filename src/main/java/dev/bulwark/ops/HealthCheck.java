package dev.bulwark.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A container health check for images without a shell or curl: {@code java -cp /app/bulwark.jar
 * dev.bulwark.ops.HealthCheck} exits with 0 when the readiness probe on the management port answers 200, with 1
 * otherwise. It loads a handful of JDK classes and none of the service's, so one check costs a few tens of milliseconds.
 * The port is {@code MANAGEMENT_SERVER_PORT} when set, else 8081.
 */
public final class HealthCheck {

    private static final int TIMEOUT_MILLIS = 2000;

    private HealthCheck() {}

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("MANAGEMENT_SERVER_PORT", "8081");
        System.exit(ready(Integer.parseInt(port)) ? 0 : 1);
    }

    static boolean ready(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /actuator/health/readiness HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes("HTTP/1.1 200".length());
            return new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}

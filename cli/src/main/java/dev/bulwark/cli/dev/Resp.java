package dev.bulwark.cli.dev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Just enough of Redis's protocol (RESP) to ask a dev Redis whether it answers: AUTH, then PING. */
final class Resp {

    private static final int TIMEOUT_MS = 1000;

    private Resp() {}

    /** Whether the Redis on 127.0.0.1:{@code port} accepts {@code password} and answers PONG. */
    static boolean pong(int port, String password) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.HOST, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write((command("AUTH", password) + command("PING")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return "+OK".equals(in.readLine()) && "+PONG".equals(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    static String command(String... words) {
        StringBuilder command = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            command.append('$')
                    .append(word.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(word)
                    .append("\r\n");
        }
        return command.toString();
    }
}

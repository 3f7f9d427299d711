package dev.bulwark.cli.dev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sends commands to a Redis and returns the first line of each reply, for the tests. */
final class RedisClient {

    private RedisClient() {}

    static List<String> send(int port, List<List<String>> commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder();
            for (List<String> command : commands) {
                request.append(Resp.command(command.toArray(String[]::new)));
            }
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                String reply = in.readLine();
                if (reply != null && reply.startsWith("$") && !reply.equals("$-1")) {
                    reply = in.readLine(); // a bulk string: its value is on the next line
                }
                replies.add(reply);
            }
            return replies;
        }
    }
}

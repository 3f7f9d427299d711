package dev.bulwark.cli.dev;

import dev.bulwark.cli.CliError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The loopback ports the dev services listen on: never a wildcard address, so nothing outside the machine sees them. */
final class Ports {

    static final String HOST = "127.0.0.1";
    private static final int CONNECT_TIMEOUT_MS = 300;

    private Ports() {}

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Refuses a port another program holds (the machine's own PostgreSQL or Redis, say), naming the option. */
    static void requireFree(int port, String service, String option) {
        if (port < 1024 || port > 65535) {
            throw new CliError(option + " " + port + ": choose a port from 1024 to 65535");
        }
        if (answers(port) || !bindable(port)) {
            throw new CliError("port " + port + " on " + HOST + " is in use by another program, so " + service
                    + " cannot listen there: stop that program or choose another port with " + option + " (the next"
                    + " start remembers it)");
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(
                    true); // as the servers do: connections of a stopped server in TIME_WAIT do not count
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

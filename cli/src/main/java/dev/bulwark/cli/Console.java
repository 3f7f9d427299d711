package dev.bulwark.cli;

import java.io.PrintStream;
import java.time.Duration;

/** What a command tells the user while it works: a line per step, how long it took, and what to do next. */
public final class Console {

    private final PrintStream out;
    private long stepStarted;

    public Console(PrintStream out) {
        this.out = out;
    }

    public static Console standard() {
        return new Console(System.out);
    }

    /** Starts a step that may take a while ("building", "running the tests"). */
    public void step(String what) {
        stepStarted = System.nanoTime();
        out.println("==> " + what);
        out.flush();
    }

    /** Ends the current step, with its duration. */
    public void done(String result) {
        Duration took = Duration.ofNanos(System.nanoTime() - stepStarted);
        out.printf("    %s (%.1f s)%n", result, took.toMillis() / 1000.0);
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** The closing block: the commands to run next, one per line. */
    public void next(String... commands) {
        out.println();
        out.println("Next:");
        for (String command : commands) {
            out.println("  " + command);
        }
        out.flush();
    }
}

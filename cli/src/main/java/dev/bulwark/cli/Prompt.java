package dev.bulwark.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Questions for what the command line left out, asked only when a person is there to answer: the launcher sets
 * BULWARK_TTY=1 when its standard input is a terminal ({@code System.console()} cannot tell since JDK 22, where it
 * exists even for a pipe). Without one, a missing answer is an error, never a hang.
 */
public final class Prompt {

    private final boolean interactive;
    private final BufferedReader in;

    public Prompt(boolean interactive) {
        this.interactive = interactive;
        this.in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    }

    public static Prompt fromEnvironment() {
        return new Prompt("1".equals(System.getenv("BULWARK_TTY")));
    }

    public boolean interactive() {
        return interactive;
    }

    /** The answer to {@code question}, empty when the user just pressed Enter or no terminal is attached. */
    public Optional<String> ask(String question) {
        if (!interactive) {
            return Optional.empty();
        }
        System.out.print(question);
        System.out.flush();
        try {
            String line = in.readLine();
            return line == null || line.isBlank() ? Optional.empty() : Optional.of(line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value given on the command line, else the answer, else {@code fallback}; else an error naming the option. */
    public String value(String given, String option, String question, String fallback) {
        if (given != null) {
            return given;
        }
        Optional<String> answer = ask(question + (fallback == null ? "" : " [" + fallback + "]") + ": ");
        if (answer.isPresent()) {
            return answer.get();
        }
        if (fallback != null) {
            return fallback;
        }
        throw new CliError(option + " is required" + (interactive ? "" : " (no terminal to ask on)"));
    }
}

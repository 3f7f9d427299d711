package dev.bulwark.cli;

/** A refusal the user can act on: printed as one message, exit status 2, nothing written. */
public final class CliError extends RuntimeException {

    public CliError(String message) {
        super(message);
    }

    public CliError(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.bulwark.ops;

import java.util.List;

/** Production refused to start; the message lists every unsafe setting found. */
final class UnsafeConfigurationException extends IllegalStateException {

    private final List<String> problems;

    UnsafeConfigurationException(List<String> problems) {
        super("Refusing to start in production mode with unsafe configuration:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}

package dev.bulwark.ops;

import java.util.List;

/**
 * The start was refused; the message lists every problem found. {@link UnsafeConfigurationFailureAnalyzer} turns it
 * into Spring Boot's one "APPLICATION FAILED TO START" report.
 */
final class UnsafeConfigurationException extends IllegalStateException {

    private final List<String> problems;
    private final boolean production;

    UnsafeConfigurationException(List<String> problems, boolean production) {
        super(headingFor(production) + "\n  - " + String.join("\n  - ", problems), null);
        this.problems = List.copyOf(problems);
        this.production = production;
    }

    List<String> problems() {
        return problems;
    }

    String heading() {
        return headingFor(production);
    }

    String action() {
        return production
                ? "Fix each setting above (docs/configuration.md lists them), or run locally with './bulwark run',"
                        + " which selects the 'local' profile."
                : "Fix each setting above (docs/configuration.md lists them).";
    }

    private static String headingFor(boolean production) {
        return production ? "Bulwark refused to start in production mode:" : "Bulwark refused to start:";
    }
}

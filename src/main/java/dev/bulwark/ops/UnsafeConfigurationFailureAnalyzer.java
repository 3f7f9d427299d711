package dev.bulwark.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
        return new FailureAnalysis(
                "Bulwark refused to start in production mode:\n  - " + String.join("\n  - ", cause.problems()),
                "Fix each setting above (docs/configuration.md lists them), or run locally with './bulwark run', "
                        + "which selects the 'local' profile.",
                cause);
    }
}

package dev.bulwark.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints every refused start as Spring Boot's one "APPLICATION FAILED TO START" report, each problem on its own line
 * with its fix, and no stack trace (the refusal is the operator's to fix, not a bug).
 */
class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}

package dev.bulwark.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints {@link BuildSettingsChanged} as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
class BuildSettingsFailureAnalyzer extends AbstractFailureAnalyzer<BuildSettingsChanged> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BuildSettingsChanged cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}

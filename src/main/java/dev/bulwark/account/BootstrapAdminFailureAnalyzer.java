package dev.bulwark.account;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a refused bootstrap admin as Spring Boot's one "APPLICATION FAILED TO START" report, in the same shape as
 * the start-up guard's (the problem, then its fix) and without a stack trace: the operator's to fix, not a bug.
 */
class BootstrapAdminFailureAnalyzer extends AbstractFailureAnalyzer<BootstrapAdminTaken> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BootstrapAdminTaken cause) {
        return new FailureAnalysis(cause.getMessage(), BootstrapAdminTaken.ACTION, cause);
    }
}

package dev.bulwark.ops;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, keeps serving for {@code bulwark.shutdown.delay} after readiness has turned to refusing traffic and
 * before the web server stops accepting connections. Load balancers and Kubernetes endpoints need a moment to stop
 * sending traffic; without the pause, requests that were already on their way when SIGTERM arrived (in the accept
 * backlog, or accepted but not yet read) were closed unanswered ({@code ./bulwark bench faults}: 2 of ~2,900 in one
 * run). Runs before the web server's graceful shutdown, whose phase is lower.
 */
@Component
class ShutdownDelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDelay.class);
    private static final Duration MAX = Duration.ofSeconds(60);

    private final Duration delay;
    private volatile boolean running;

    ShutdownDelay(@Value("${bulwark.shutdown.delay:2s}") Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("bulwark.shutdown.delay must be between 0s and 60s, not " + delay);
        }
        this.delay = delay;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (delay.isZero()) {
            return;
        }
        log.atInfo()
                .addKeyValue("delayMillis", delay.toMillis())
                .log("Readiness is down; serving on before the graceful shutdown starts");
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE; // the web server's graceful shutdown is DEFAULT_PHASE - 1024
    }
}

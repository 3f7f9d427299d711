package dev.bulwark.ops;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database took the pool's last attempt to open a connection. Only a refusal or an unreachable server
 * counts (SQLSTATE class 08, or 57P03 "cannot connect now" of a server starting or shutting down): a wrong password or
 * a server out of connection slots is a database that answers.
 */
final class DatabaseReachability {

    /** While refusing, one request this often still waits for a connection. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DatabaseReachability.class);

    private final Clock clock;
    private volatile boolean refusing;
    private final AtomicLong nextProbeMillis = new AtomicLong();

    DatabaseReachability(Clock clock) {
        this.clock = clock;
    }

    void opened() {
        if (refusing) {
            refusing = false;
            log.atInfo().addKeyValue("event", "database.reachable").log("PostgreSQL accepts connections again");
        }
    }

    void failedToOpen(SQLException failure) {
        if (!isUnreachable(failure) || refusing) {
            return;
        }
        nextProbeMillis.set(clock.millis() + PROBE_INTERVAL.toMillis());
        refusing = true;
        log.atWarn()
                .addKeyValue("event", "database.unreachable")
                .addKeyValue("sqlState", failure.getSQLState())
                .log(
                        "PostgreSQL refused a new connection: requests wait {} ms for one instead of the connection"
                                + " timeout until it accepts one again",
                        FailFastDataSource.WHILE_REFUSING.toMillis());
    }

    /**
     * Whether a request should wait the whole connection timeout for a connection: always, unless the database is
     * refusing; then only the one request per {@link #PROBE_INTERVAL} that takes the probe's turn.
     */
    boolean worthWaiting() {
        if (!refusing) {
            return true;
        }
        long now = clock.millis();
        long next = nextProbeMillis.get();
        return now >= next && nextProbeMillis.compareAndSet(next, now + PROBE_INTERVAL.toMillis());
    }

    boolean refusing() {
        return refusing;
    }

    static boolean isUnreachable(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P03"));
    }
}

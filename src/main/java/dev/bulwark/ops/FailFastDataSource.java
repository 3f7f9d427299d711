package dev.bulwark.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource: the Hikari pool, except that while the database refuses new connections a request
 * waits {@link #WHILE_REFUSING} for one instead of the whole connection timeout ({@link DatabaseResilience}). Hikari
 * itself gives up then, with the same exception as its own timeout (a transient connection failure), so it is
 * answered the same: 503.
 */
final class FailFastDataSource extends DelegatingDataSource implements AutoCloseable {

    /**
     * Long enough to take an idle connection, or to find the idle ones dead and drop them (a closed socket fails its
     * check at once); far shorter than the connection timeout.
     */
    static final Duration WHILE_REFUSING = Duration.ofMillis(100);

    private final HikariDataSource pool;
    private final DatabaseReachability reachability;

    FailFastDataSource(HikariDataSource pool, DatabaseReachability reachability) {
        super(pool);
        this.pool = pool;
        this.reachability = reachability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (reachability.refusing()
                && pool.getHikariPoolMXBean() instanceof HikariPool started
                && !reachability.worthWaiting()) {
            return started.getConnection(WHILE_REFUSING.toMillis());
        }
        return pool.getConnection();
    }

    /** The pool closes with the application context, as it would without this wrapper. */
    @Override
    public void close() {
        pool.close();
    }
}

package dev.bulwark.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource: the Hikari pool, except that while the database refuses new connections a request
 * that would find no idle connection is refused at once ({@link DatabaseResilience}). The refusal is the same kind of
 * exception as Hikari's own timeout (a transient connection failure), so it is answered the same: 503.
 */
final class FailFastDataSource extends DelegatingDataSource implements AutoCloseable {

    private final HikariDataSource pool;
    private final DatabaseReachability reachability;

    FailFastDataSource(HikariDataSource pool, DatabaseReachability reachability) {
        super(pool);
        this.pool = pool;
        this.reachability = reachability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (reachability.refusing() && noIdleConnection() && !reachability.worthWaiting()) {
            throw new SQLTransientConnectionException(
                    "PostgreSQL refuses new connections and the pool has none idle", "08001");
        }
        return pool.getConnection();
    }

    private boolean noIdleConnection() {
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        return state != null && state.getIdleConnections() == 0;
    }

    /** The pool closes with the application context, as it would without this wrapper. */
    @Override
    public void close() {
        pool.close();
    }
}

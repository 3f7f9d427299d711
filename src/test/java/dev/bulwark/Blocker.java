package dev.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A database session of the test's own that holds a lock (the admin-change lock, or row locks of an open
 * transaction) while requests are sent. Each request is sent only once the previous one is waiting behind this
 * session, so PostgreSQL's lock queue fixes their order; {@link #release} lets them run. No sleeps decide anything:
 * waiting means polling {@code pg_blocking_pids} until the requests are queued.
 */
public final class Blocker implements AutoCloseable {

    public record Outcome(int status, String body, @Nullable String contentType) {}

    private final Connection connection;
    private final int pid;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Future<MvcResult>> sent = new ArrayList<>();

    private Blocker(DataSource dataSource) throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        pid = queryInt("select pg_backend_pid()");
    }

    /** Holds a transaction-scoped advisory lock, such as the one every admin change takes first. */
    public static Blocker holdingAdvisoryLock(DataSource dataSource, long key) throws SQLException {
        Blocker blocker = new Blocker(dataSource);
        blocker.execute("select pg_advisory_xact_lock(?)", key);
        return blocker;
    }

    /** Holds the row locks {@code selectForUpdate} takes, until {@link #release}. */
    public static Blocker holdingRowLocks(DataSource dataSource, String selectForUpdate, Object... params)
            throws SQLException {
        Blocker blocker = new Blocker(dataSource);
        blocker.execute(selectForUpdate, params);
        return blocker;
    }

    /** An open transaction; {@link #execute} writes in it, holding row locks until {@link #release}. */
    private static Blocker openTransaction(DataSource dataSource) throws SQLException {
        return new Blocker(dataSource);
    }

    /**
     * A writer that skips the request's checks: {@code sql} is written in an open transaction, {@code request} is sent
     * and waits on those rows, then the write commits and the request meets it. Returns the request's outcome.
     */
    public static Outcome afterConcurrentWrite(
            DataSource dataSource, Callable<ResultActions> request, String sql, Object... params) throws Exception {
        try (Blocker other = openTransaction(dataSource)) {
            other.execute(sql, params);
            other.send(request);
            return other.release().getFirst();
        }
    }

    private void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    /** Sends the request on its own thread and returns once it waits behind this session. */
    public void send(Callable<ResultActions> request) throws Exception {
        sent.add(threads.submit(() -> request.call().andReturn()));
        awaitBlocked(sent.size());
    }

    /** Commits (the lock ends with the transaction) and returns each request's outcome, in the order sent. */
    public List<Outcome> release() throws Exception {
        connection.commit();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<MvcResult> request : sent) {
            MvcResult result = request.get(30, TimeUnit.SECONDS);
            outcomes.add(new Outcome(
                    result.getResponse().getStatus(),
                    result.getResponse().getContentAsString(),
                    result.getResponse().getContentType()));
        }
        assertThat(outcomes)
                .as("no server error")
                .allSatisfy(o -> assertThat(o.status()).isLessThan(500));
        return outcomes;
    }

    private void awaitBlocked(int requests) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        // pg_locks, not pg_stat_activity: that one is a snapshot frozen for the rest of this transaction. A request
        // may wait behind one that waits for this session (two updates of one row), so one level further counts too.
        String waiting = "select count(distinct l.pid) from pg_locks l where " + pid + " = any(pg_blocking_pids(l.pid))"
                + " or exists (select 1 from pg_locks m where " + pid + " = any(pg_blocking_pids(m.pid))"
                + " and m.pid = any(pg_blocking_pids(l.pid)))";
        while (queryInt(waiting) < requests) {
            for (Future<MvcResult> request : sent) {
                if (request.isDone()) {
                    throw new AssertionError("a request finished without waiting: "
                            + request.get().getResponse().getContentAsString());
                }
            }
            assertThat(Instant.now())
                    .as("requests queued behind the test's lock")
                    .isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    private int queryInt(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        threads.shutdownNow();
        connection.rollback();
        connection.close();
    }
}

package dev.bulwark.ops;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Where the pool opens its connections: tells {@link DatabaseReachability} how each attempt went. */
final class ConnectionOpening extends DelegatingDataSource {

    private final DatabaseReachability reachability;

    ConnectionOpening(DataSource driver, DatabaseReachability reachability) {
        super(driver);
        this.reachability = reachability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return recorded(super::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return recorded(() -> super.getConnection(username, password));
    }

    private Connection recorded(Opening opening) throws SQLException {
        try {
            Connection connection = opening.open();
            reachability.opened();
            return connection;
        } catch (SQLException failure) {
            reachability.failedToOpen(failure);
            throw failure;
        }
    }

    @FunctionalInterface
    private interface Opening {
        Connection open() throws SQLException;
    }
}

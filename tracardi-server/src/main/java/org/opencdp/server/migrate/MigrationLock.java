package org.opencdp.server.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The global migration lock, a MySQL named lock held on its own connection for the whole run: a second
 * {@code migrate} started at the same moment waits here, then finds nothing left to do.
 */
final class MigrationLock implements AutoCloseable {

    static final String NAME = "tracardi-migrate";

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    static MigrationLock acquire(DataSource dataSource, Duration wait) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            statement.setString(1, NAME);
            statement.setLong(2, wait.toSeconds());
            try (ResultSet result = statement.executeQuery()) {
                if (result.next() && result.getInt(1) == 1) {
                    return new MigrationLock(connection);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        throw new MigrationException("MySQL lock '" + NAME + "' is still held by another migrate run after "
                + wait.toSeconds() + " s");
    }

    @Override
    public void close() throws SQLException {
        try (connection; PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, NAME);
            statement.execute();
        }
    }
}

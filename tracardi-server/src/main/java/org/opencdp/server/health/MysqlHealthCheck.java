package org.opencdp.server.health;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/** Healthy while MySQL answers a trivial query within two seconds. */
public final class MysqlHealthCheck extends HealthCheck {

    private final DataSource dataSource;
    private final String description;

    public MysqlHealthCheck(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    @Override
    protected Result check() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet result = statement.executeQuery("SELECT VERSION()")) {
                result.next();
                return Result.healthy("MySQL at %s: server %s", description, result.getString(1));
            }
        } catch (Exception e) {
            return Result.unhealthy("MySQL at %s is unreachable: %s", description, Reasons.of(e));
        }
    }
}

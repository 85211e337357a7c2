package org.opencdp.server.storage.mysql;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The MySQL connection pool of a role (configuration, users, tasks, journal) and its Jdbi handle. */
public final class MysqlStore implements Managed, AutoCloseable {

    private final ManagedDataSource dataSource;
    private final Jdbi jdbi;
    private final String description;

    private MysqlStore(ManagedDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        this.description = description;
    }

    public static MysqlStore connect(DataSourceFactory factory, MetricRegistry metrics, String name) {
        if (factory.getAutoCommitByDefault() == null) {
            // The pool's driver default is not guaranteed; statements outside a transaction must commit.
            factory.setAutoCommitByDefault(true);
        }
        return new MysqlStore(factory.build(metrics, name), JdbcUrls.describe(factory.getUrl()));
    }

    public Jdbi jdbi() { return jdbi; }
    public ManagedDataSource dataSource() { return dataSource; }

    /** Host, port and database, for log lines and health messages (never credentials). */
    public String description() { return description; }

    @Override
    public void start() throws Exception {
        dataSource.start();
    }

    @Override
    public void stop() throws Exception {
        dataSource.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}

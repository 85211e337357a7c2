package org.opencdp.server.migrate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import io.dropwizard.db.DataSourceFactory;
import org.opencdp.server.storage.mysql.JdbcUrls;

/** Creates the application database when missing and applies the Liquibase changelog. */
final class MysqlSchemaMigrator {

    private final DataSourceFactory factory;
    private final MigrationReport report;

    MysqlSchemaMigrator(DataSourceFactory factory, MigrationReport report) {
        this.factory = factory;
        this.report = report;
    }

    /** Runs before any pool exists: the pool's URL names the database, which may not exist yet. */
    void ensureDatabase() {
        String database = JdbcUrls.database(factory.getUrl());
        if (!database.matches("[A-Za-z0-9_]{1,64}")) {
            throw new MigrationException("mysql.url must name a database of letters, digits and '_' (MYSQL_DATABASE), not '"
                    + database + "'");
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", factory.getUser());
        if (factory.getPassword() != null) {
            credentials.setProperty("password", factory.getPassword());
        }
        try (Connection connection = DriverManager.getConnection(JdbcUrls.serverUrl(factory.getUrl()), credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            // "IF NOT EXISTS" leaves a warning when the database was there, also when a concurrent run made it.
            boolean exists = statement.getWarnings() != null;
            report.record("mysql", "database " + database, exists ? MigrationReport.Outcome.UNCHANGED : MigrationReport.Outcome.CREATED);
        } catch (SQLException e) {
            throw new MigrationException("MySQL at " + JdbcUrls.describe(factory.getUrl())
                    + ": cannot create database '" + database + "': " + e.getMessage(), e);
        }
    }

    void applyChangelog(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                // Liquibase talks to the console by default; our report already lists every changeset.
                Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.command.showSummaryOutput", "LOG",
                        "liquibase.command.showSummary", "OFF"),
                        () -> update(connection));
            } catch (MigrationException e) {
                throw e;
            } catch (Exception e) {
                throw new MigrationException("MySQL at " + JdbcUrls.describe(factory.getUrl())
                        + ": Liquibase update failed: " + e.getMessage(), e);
            } finally {
                // Liquibase turns auto-commit off; the pooled connection must not carry that to later users.
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationException("MySQL at " + JdbcUrls.describe(factory.getUrl())
                    + ": Liquibase update failed: " + e.getMessage(), e);
        }
    }

    private void update(Connection connection) {
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase(SchemaVersion.CHANGELOG, new ClassLoaderResourceAccessor(), database);
            List<ChangeSet> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression());
            if (!pending.isEmpty()) {
                liquibase.update(new Contexts(), new LabelExpression());
            }
            for (ChangeSet changeSet : pending) {
                report.record("mysql", "changeset " + changeSet.getId(), MigrationReport.Outcome.CREATED);
            }
            if (pending.isEmpty()) {
                report.record("mysql", "changelog " + SchemaVersion.CHANGELOG, MigrationReport.Outcome.UNCHANGED);
            }
        } catch (LiquibaseException e) {
            throw new MigrationException("MySQL at " + JdbcUrls.describe(factory.getUrl())
                    + ": Liquibase update failed: " + e.getMessage(), e);
        }
    }
}

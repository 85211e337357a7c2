package org.opencdp.server.migrate;

import com.codahale.metrics.MetricRegistry;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.config.ConfigLoader;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.testing.TestStack;

/** A MySQL database of a test namespace with the schema applied (no Elasticsearch, Redis or Pulsar needed). */
public final class TestSchema {

    private TestSchema() {
    }

    public static MysqlStore migratedMysql(TestStack.Namespace namespace) throws Exception {
        TracardiConfiguration config = ConfigLoader.load("../config/migrate.yml", namespace.processEnvironment());
        MigrationReport report = new MigrationReport();
        MigrationService.ensureDatabase(config, report);
        MysqlStore mysql = MysqlStore.connect(config.mysql(), new MetricRegistry(), "mysql-test");
        new MysqlSchemaMigrator(config.mysql(), report).applyChangelog(mysql.dataSource());
        return mysql;
    }
}

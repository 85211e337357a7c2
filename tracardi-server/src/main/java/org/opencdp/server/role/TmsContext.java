package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.health.MysqlHealthCheck;
import org.opencdp.server.storage.mysql.MysqlStore;

/**
 * Tenant management. It uses only its own MySQL database ({@code tms.database}); the tenant API arrives
 * with the multi-tenancy feature.
 */
public final class TmsContext implements RoleContext {

    private final TracardiConfiguration config;

    public TmsContext(TracardiConfiguration config) {
        this.config = config;
    }

    @Override
    public void register(Environment environment) {
        MysqlStore tms = MysqlStore.connect(config.tms().database(), environment.metrics(), "tms");
        environment.lifecycle().manage(tms);
        environment.healthChecks().register("mysql", new MysqlHealthCheck(tms.dataSource(), tms.description()));
    }
}

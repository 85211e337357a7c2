package org.opencdp.server.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import org.opencdp.server.install.VersionDao;
import org.opencdp.server.migrate.SchemaVersion;
import org.opencdp.server.storage.Tenant;

/** Healthy when the tenant's stores were migrated to the schema version this build expects. */
public final class InstalledHealthCheck extends HealthCheck {

    private final VersionDao versions;
    private final Tenant tenant;

    public InstalledHealthCheck(VersionDao versions, Tenant tenant) {
        this.versions = versions;
        this.tenant = tenant;
    }

    @Override
    protected Result check() {
        try {
            Optional<VersionDao.VersionRow> row = versions.find(tenant, SchemaVersion.COMPONENT);
            if (row.isEmpty()) {
                return Result.unhealthy("tenant %s is not installed: run 'tracardi server migrate <config.yml>'", tenant);
            }
            if (!SchemaVersion.CURRENT.equals(row.get().schemaVersion())) {
                return Result.unhealthy("tenant %s has schema %s, this build needs %s: run 'tracardi server migrate <config.yml>'",
                        tenant, row.get().schemaVersion(), SchemaVersion.CURRENT);
            }
            return Result.healthy("tenant %s at schema %s", tenant, SchemaVersion.CURRENT);
        } catch (Exception e) {
            return Result.unhealthy("cannot read the installed schema version of tenant %s: %s", tenant, Reasons.of(e));
        }
    }
}

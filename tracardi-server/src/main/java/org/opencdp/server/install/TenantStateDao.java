package org.opencdp.server.install;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.Tenant;

/** The {@code tenant_state} rows: which tenants are installed locally and whether one is being deleted. */
public final class TenantStateDao {

    public static final String ACTIVE = "active";
    public static final String DELETING = "deleting";

    private final Jdbi jdbi;

    public TenantStateDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> status(Tenant tenant) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT status FROM tenant_state WHERE tenant = :tenant")
                .bind("tenant", tenant.name())
                .mapTo(String.class)
                .findOne());
    }

    public List<Tenant> active() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT tenant FROM tenant_state WHERE status = :status ORDER BY tenant")
                .bind("status", ACTIVE)
                .mapTo(String.class)
                .map(Tenant::of)
                .list());
    }

    /** Marks the tenant active unless it is already; returns whether a row was written. */
    public boolean markActive(Tenant tenant) {
        if (status(tenant).filter(ACTIVE::equals).isPresent()) {
            return false;
        }
        jdbi.useTransaction(handle -> handle.createUpdate("""
                        INSERT INTO tenant_state (tenant, status) VALUES (:tenant, :status)
                        ON DUPLICATE KEY UPDATE status = VALUES(status), updated_at = CURRENT_TIMESTAMP(6)""")
                .bind("tenant", tenant.name())
                .bind("status", ACTIVE)
                .execute());
        return true;
    }
}

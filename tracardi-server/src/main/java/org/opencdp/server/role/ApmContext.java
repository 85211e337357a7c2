package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.install.TenantStateDao;
import org.opencdp.server.lock.RedisLeadership;
import org.opencdp.server.merge.ApmLoop;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/**
 * Automatic profile merging (processing §10.7): the leader-elected {@link ApmLoop} over every tenant × context. The
 * role serves only the admin port, watches Elasticsearch, MySQL and Redis and publishes its heartbeat.
 */
public final class ApmContext implements RoleContext {

    private final Backends backends;
    private final Pipeline pipeline;

    public ApmContext(Backends backends, Pipeline pipeline) {
        this.backends = backends;
        this.pipeline = pipeline;
    }

    @Override
    public void register(Environment environment) {
        backends.mysql();
        backends.elastic();
        TracardiConfiguration config = backends.config();
        var apm = config.apm();
        environment.lifecycle().manage(new ApmLoop(pipeline.merging().apmPass(), scopes(config),
                scope -> new RedisLeadership(backends.redis(), "apm:" + scope.tenant().name() + ":" + scope.context().label(),
                        ApmLoop.lease(apm.pause())),
                apm.pause(), "job".equalsIgnoreCase(apm.mode().trim())));
        environment.lifecycle().manage(new HeartbeatLoop(backends.redis(), Role.APM));
    }

    /** {@code apm.tenants} when set (comma-separated), else the active tenants (multi-tenant) or the one tenant; both contexts. */
    private Supplier<List<TenantScope>> scopes(TracardiConfiguration config) {
        List<Tenant> listed = Arrays.stream(config.apm().tenants().split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).map(Tenant::of).toList();
        TenantStateDao tenants = new TenantStateDao(backends.mysql().jdbi());
        return () -> {
            List<Tenant> active = !listed.isEmpty() ? listed
                    : config.tenancy().multiTenant() ? tenants.active() : List.of(Tenant.of(config.tenancy().tenantName()));
            List<TenantScope> both = new ArrayList<>();
            active.forEach(tenant -> {
                both.add(TenantScope.production(tenant));
                both.add(TenantScope.staging(tenant));
            });
            return both;
        };
    }
}

package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;

/**
 * Automatic profile merging: its passes arrive with the merging feature. The role serves only the admin
 * port, watches Elasticsearch, MySQL and Redis and publishes its heartbeat.
 */
public final class ApmContext implements RoleContext {

    private final Backends backends;

    public ApmContext(Backends backends) {
        this.backends = backends;
    }

    @Override
    public void register(Environment environment) {
        backends.mysql();
        backends.elastic();
        environment.lifecycle().manage(new HeartbeatLoop(backends.redis(), Role.APM));
    }
}

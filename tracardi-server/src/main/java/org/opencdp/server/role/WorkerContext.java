package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;

/**
 * Background processing: the batch consumers arrive with the collection pipeline. The role serves only
 * the admin port, watches the stores it will use and publishes its heartbeat.
 */
public final class WorkerContext implements RoleContext {

    private final Backends backends;

    public WorkerContext(Backends backends) {
        this.backends = backends;
    }

    @Override
    public void register(Environment environment) {
        backends.mysql();
        backends.elastic();
        backends.queue();
        environment.lifecycle().manage(new HeartbeatLoop(backends.redis(), Role.WORKER));
    }
}

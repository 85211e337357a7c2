package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;

/**
 * The management API used by the GUI, the SDKs and operators. Its endpoints arrive with the private API
 * feature; until then the role opens and watches the stores that API reads and writes.
 */
public final class PrivateApiContext implements RoleContext {

    private final Backends backends;

    public PrivateApiContext(Backends backends) {
        this.backends = backends;
    }

    @Override
    public void register(Environment environment) {
        backends.mysql();
        backends.elastic();
        backends.redis();
        backends.queue();
    }
}

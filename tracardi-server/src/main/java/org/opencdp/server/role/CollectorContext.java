package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;
import org.opencdp.server.collector.HealthcheckEchoResource;

/**
 * The public collection endpoints. This is everything the internet-facing collector role serves; the
 * event pipeline endpoints arrive with the collection feature.
 */
public final class CollectorContext implements RoleContext {

    private final Backends backends;

    public CollectorContext(Backends backends) {
        this.backends = backends;
    }

    @Override
    public void register(Environment environment) {
        // Open every store the collection path uses, so health reflects what collection depends on.
        backends.mysql();
        backends.elastic();
        backends.redis();
        backends.queue();
        environment.jersey().register(new HealthcheckEchoResource(environment.getObjectMapper()));
    }
}

package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.opencdp.server.collector.HealthcheckEchoResource;
import org.opencdp.server.collector.TrackerScriptResource;
import org.opencdp.server.collector.http.CollectorCorsFilter;

/**
 * The public collection endpoints. This is everything the internet-facing collector role serves; the
 * event pipeline endpoints arrive with the collection feature.
 */
public final class CollectorContext implements RoleContext {

    /** The public collection paths (collector-api §1), which get the collector's CORS rules. */
    static final String[] COLLECTION_PATHS = {"/track", "/track/*", "/collect/*", "/redirect/*", "/customer/consent",
        "/customer/consent/*", "/healthcheck", "/healthcheck/*", "/tracker", "/tracker/*", "/consents/type/enabled",
        "/consents/type/ids"};

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
        environment.servlets().addFilter("collector-cors", new CollectorCorsFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, COLLECTION_PATHS);
        environment.jersey().register(new HealthcheckEchoResource(environment.getObjectMapper()));
        environment.jersey().register(new TrackerScriptResource(backends.config().collector().tracker().directory()));
    }
}

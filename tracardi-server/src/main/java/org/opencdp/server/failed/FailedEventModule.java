package org.opencdp.server.failed;

import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.collector.track.IdentityResolver;
import org.opencdp.server.role.Pipeline;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.elastic.DataIndex;

/** The failed-events store: list, read, replay. */
public final class FailedEventModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        Pipeline pipeline = wiring.pipeline();
        IdentityResolver identities = new IdentityResolver(pipeline.sessionBindings(), pipeline.profiles(),
                pipeline.sessions(), pipeline.completions());
        // Reads only: the source's latest row, without the collector's cache.
        EventSourceDao sources = new EventSourceDao(wiring.backends().mysql().jdbi(), wiring.json(), ConfigChangePublisher.NONE);
        FailedEventReplayer replayer = new FailedEventReplayer(wiring.json(), sources, identities, pipeline.queue(),
                Clock.systemUTC());
        return List.of(new FailedEventResource(new FailedEventService(new DataIndex(wiring.backends().elastic(), wiring.json()),
                replayer, Clock.systemUTC())));
    }
}

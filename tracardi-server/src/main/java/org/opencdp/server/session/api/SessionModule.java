package org.opencdp.server.session.api;

import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.role.Pipeline;
import org.opencdp.server.storage.elastic.DataIndex;

/** Session reads, deletes, imports, counts, dashboard aggregations and index maintenance. */
public final class SessionModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        Pipeline pipeline = wiring.pipeline();
        DataIndex data = new DataIndex(wiring.backends().elastic(), wiring.json());
        SessionService service = new SessionService(pipeline.sessions(), pipeline.sessionBindings(), pipeline.profiles(),
                pipeline.partitions(), data, wiring.config().cache().sessionTtl(), Clock.systemUTC());
        return List.of(new SessionResource(service), new SessionCountResource(new SessionAggregations(data)));
    }
}

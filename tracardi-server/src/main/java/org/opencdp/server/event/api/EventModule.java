package org.opencdp.server.event.api;

import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.log.ConsoleLogs;
import org.opencdp.server.storage.elastic.DataIndex;

/** Event reads, deletes, counts, aggregations and index maintenance. */
public final class EventModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        DataIndex data = new DataIndex(wiring.backends().elastic(), wiring.json());
        EventService service = new EventService(data, wiring.pipeline().profiles(),
                new EventTypeNames(wiring.backends().mysql().jdbi()), Clock.systemUTC());
        return List.of(new EventResource(service, new EventAggregations(data), new ConsoleLogs(data)));
    }
}

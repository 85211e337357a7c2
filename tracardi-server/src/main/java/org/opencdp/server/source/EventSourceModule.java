package org.opencdp.server.source;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Event sources, bridges and redirect records (private-api §3.3). */
public final class EventSourceModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        var jdbi = wiring.backends().mysql().jdbi();
        ConfigChangePublisher changes = wiring.pipeline().configChanges();
        return List.of(new EventSourceResource(new EventSourceDao(jdbi, wiring.json(), changes)),
                new BridgeResource(new ConfigTable<>(jdbi, wiring.json(), changes, BridgeResource.SPEC)),
                new EventRedirectResource(new ConfigTable<>(jdbi, wiring.json(), changes, EventRedirectResource.SPEC)));
    }
}

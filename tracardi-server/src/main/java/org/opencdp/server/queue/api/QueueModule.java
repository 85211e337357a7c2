package org.opencdp.server.queue.api;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;

/** Queue inspection for operators. */
public final class QueueModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        var queue = wiring.backends().queue();
        return List.of(new QueueResource(new QueueBacklog(queue.admin(), queue.topics(), wiring.json())));
    }
}

package org.opencdp.server.task;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Task records (private-api §3.15). */
public final class TaskModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        return List.of(new TaskResource(new ConfigTable<>(wiring.backends().mysql().jdbi(), wiring.json(),
                wiring.pipeline().configChanges(), TaskResource.SPEC)));
    }
}

package org.opencdp.server.profile.api;

import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.log.ConsoleLogs;
import org.opencdp.server.profile.ProfileCache;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.storage.elastic.DataIndex;

/** Profile reads, deletes, imports and index maintenance. */
public final class ProfileModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        DataIndex data = new DataIndex(wiring.backends().elastic(), wiring.json());
        ProfileService service = new ProfileService(wiring.pipeline().profiles(), data,
                new ProfileIdMap(wiring.backends().redis()), wiring.config().identity().idMapTtl(),
                new ProfileCache(wiring.backends().redis()), Clock.systemUTC());
        return List.of(new ProfileResource(service, new ConsoleLogs(data)));
    }
}

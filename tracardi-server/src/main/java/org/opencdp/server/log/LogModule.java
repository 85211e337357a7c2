package org.opencdp.server.log;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.elastic.DataIndex;

/** The system-log pages of the private API. */
public final class LogModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        return List.of(new LogResource(new ConsoleLogs(new DataIndex(wiring.backends().elastic(), wiring.json()))));
    }
}

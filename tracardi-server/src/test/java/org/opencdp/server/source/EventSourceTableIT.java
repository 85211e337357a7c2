package org.opencdp.server.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableContract;

/** {@code event_source} honours the configuration-table contract. */
class EventSourceTableIT extends ConfigTableContract<EventSource> {

    @Override
    protected ConfigTable<EventSource> table(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes) {
        return new ConfigTable<>(jdbi, json, changes, EventSourceDao.SPEC);
    }

    @Override
    protected EventSource entity(String id, String name) {
        return new EventSource(id, name, null, List.of("rest"), EventSource.REST_BRIDGE, null, "Web", true, false,
                false, null, null, false, false, false, null, null, null, Map.of(), Map.of());
    }

    @Override
    protected String nameOf(EventSource entity) {
        return entity.name();
    }

    @Override
    protected String[] lookup() {
        return new String[]{"bridge_id", EventSource.REST_BRIDGE.id()};
    }
}

package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableContract;

/** {@code event_to_profile_mapping} honours the configuration-table contract. */
class EventToProfileMappingTableIT extends ConfigTableContract<EventToProfileMapping> {

    @Override
    protected ConfigTable<EventToProfileMapping> table(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes) {
        return new ConfigTable<>(jdbi, json, changes, EventToProfileMappingDao.SPEC);
    }

    @Override
    protected EventToProfileMapping entity(String id, String name) {
        try {
            return EventToProfileMapping.fromJson(JSON.readTree("{\"id\":\"" + id + "\",\"name\":\"" + name
                    + "\",\"enabled\":true,\"event_type\":{\"id\":\"page-view\",\"name\":\"Page view\"},"
                    + "\"event_to_profile\":[{\"event\":{\"value\":\"properties.a\",\"ref\":true},\"op\":0,"
                    + "\"profile\":{\"value\":\"traits.a\",\"ref\":true}}]}"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String nameOf(EventToProfileMapping entity) {
        return entity.name();
    }

    @Override
    protected String[] lookup() {
        return new String[]{"event_type_id", "page-view"};
    }
}

package org.opencdp.server.event.api;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.TenantScope;

/**
 * Display names of event types from their metadata records (MySQL {@code event_mapping}, domain-model §13),
 * keyed by event type. Types without a record are named by {@link org.opencdp.server.event.EventType#name}.
 */
public final class EventTypeNames {

    private final Jdbi jdbi;

    public EventTypeNames(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Map<String, String> all(TenantScope scope) {
        return jdbi.withHandle(handle -> {
            Map<String, String> names = new HashMap<>();
            handle.createQuery("SELECT id, event_type_id, name FROM event_mapping WHERE tenant = :tenant AND production = :production")
                    .bind("tenant", scope.tenant().name())
                    .bind("production", scope.production())
                    .map((row, context) -> {
                        String type = row.getString("event_type_id");
                        String name = row.getString("name");
                        if (name != null && !name.isBlank()) {
                            names.put(type == null || type.isBlank() ? row.getString("id") : type, name);
                        }
                        return type;
                    })
                    .list();
            return names;
        });
    }
}

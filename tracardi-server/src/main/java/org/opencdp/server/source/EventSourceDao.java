package org.opencdp.server.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;

/**
 * The {@code event_source} table (operations §3.2) through the generic {@link ConfigTable}: the whole entity in
 * {@code data}, and {@code name}, {@code enabled}, {@code type}, {@code bridge_id} and {@code transitional}
 * copied out of it. Ids are normalised (trimmed, lower-cased) before every lookup. Every committed write is
 * reported to the {@link ConfigChangePublisher}, which drops the row from the caches of every node.
 */
public final class EventSourceDao {

    public static final String TABLE = "event_source";

    public static final ConfigTableSpec<EventSource> SPEC = new ConfigTableSpec<>(TABLE, true, true, EventSource::id,
            EventSource::fromJson, EventSource::toJson, List.of(
                    ConfigColumn.requiredText("name", 255, EventSource::name),
                    ConfigColumn.flag("enabled", EventSource::enabled),
                    ConfigColumn.json("type", EventSource::type),
                    ConfigColumn.text("bridge_id", 64, source -> source.bridge() == null ? null : source.bridge().id()),
                    ConfigColumn.flag("transitional", EventSource::transitional)),
            "name, id");

    /** A stored source and its optimistic-concurrency counter. */
    public record Stored(EventSource source, int rowVersion) {
    }

    private final ConfigTable<EventSource> table;

    public EventSourceDao(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes) {
        this.table = new ConfigTable<>(jdbi, json, changes, SPEC);
    }

    /** The source with this id (trimmed and lower-cased before the lookup). */
    public Optional<EventSource> find(TenantScope scope, String id) {
        return findStored(scope, id).map(Stored::source);
    }

    public Optional<Stored> findStored(TenantScope scope, String id) {
        return table.findStored(scope, EventSource.normalizeId(id))
                .map(stored -> new Stored(stored.value(), stored.rowVersion()));
    }

    /** Every source of the scope, ordered by name then id. */
    public List<EventSource> list(TenantScope scope) {
        return table.list(scope);
    }

    /**
     * Inserts the source or replaces the stored one, adding one to its {@code row_version}; returns the new
     * row version (1 for a new row).
     */
    public int upsert(TenantScope scope, EventSource source) {
        return table.upsert(scope, source);
    }

    /** Deletes the source; returns whether it existed. */
    public boolean delete(TenantScope scope, String id) {
        return table.delete(scope, EventSource.normalizeId(id));
    }
}

package org.opencdp.server.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.TenantScope;

/**
 * The {@code event_source} table (operations §3.2): primary key (tenant, production, id), the whole entity in
 * {@code data} and a few columns copied out of it for queries. Every method takes the scope; there is no
 * unscoped query. Every committed write is reported to the {@link ConfigChangePublisher}, which drops the row
 * from the caches of this node at once and of the other nodes through Redis.
 */
public final class EventSourceDao {

    public static final String TABLE = "event_source";

    /** A stored source and its optimistic-concurrency counter. */
    public record Stored(EventSource source, int rowVersion) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ConfigChangePublisher changes;

    public EventSourceDao(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.json = Objects.requireNonNull(json, "json");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** The source with this id (trimmed and lower-cased before the lookup). */
    public Optional<EventSource> find(TenantScope scope, String id) {
        return findStored(scope, id).map(Stored::source);
    }

    public Optional<Stored> findStored(TenantScope scope, String id) {
        String key = EventSource.normalizeId(id);
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data, row_version FROM event_source
                        WHERE tenant = :tenant AND production = :production AND id = :id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .bind("id", key)
                .map((rs, ctx) -> new Stored(parse(rs.getString("data")), rs.getInt("row_version")))
                .findOne());
    }

    /** Every source of the scope, ordered by name then id. */
    public List<EventSource> list(TenantScope scope) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data FROM event_source WHERE tenant = :tenant AND production = :production
                        ORDER BY name, id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .map((rs, ctx) -> parse(rs.getString("data")))
                .list());
    }

    /**
     * Inserts the source or replaces the stored one, adding one to its {@code row_version}; returns the new
     * row version (1 for a new row).
     */
    public int upsert(TenantScope scope, EventSource source) {
        Objects.requireNonNull(source, "source");
        if (source.id() == null || source.id().isEmpty()) {
            throw new IllegalArgumentException("an event source needs an id");
        }
        if (source.id().length() > 64) {
            throw new IllegalArgumentException("event source ids have at most 64 characters");
        }
        String data = write(source);
        String types = write(source.type());
        int version = jdbi.inTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO event_source (tenant, production, id, name, enabled, type, bridge_id, transitional, data)
                            VALUES (:tenant, :production, :id, :name, :enabled, :type, :bridge, :transitional, :data)
                            ON DUPLICATE KEY UPDATE name = VALUES(name), enabled = VALUES(enabled), type = VALUES(type),
                              bridge_id = VALUES(bridge_id), transitional = VALUES(transitional), data = VALUES(data),
                              row_version = row_version + 1, updated_at = CURRENT_TIMESTAMP(6)""")
                    .bind("tenant", scope.tenant().name())
                    .bind("production", scope.production())
                    .bind("id", source.id())
                    .bind("name", truncate(source.name(), 255))
                    .bind("enabled", source.enabled())
                    .bind("type", types)
                    .bind("bridge", source.bridge() == null ? null : truncate(source.bridge().id(), 64))
                    .bind("transitional", source.transitional())
                    .bind("data", data)
                    .execute();
            return rowVersion(handle, scope, source.id());
        });
        changes.changed(scope, TABLE, source.id());
        return version;
    }

    /** Deletes the source; returns whether it existed. */
    public boolean delete(TenantScope scope, String id) {
        String key = EventSource.normalizeId(id);
        if (key == null || key.isEmpty()) {
            return false;
        }
        int deleted = jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM event_source WHERE tenant = :tenant AND production = :production AND id = :id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .bind("id", key)
                .execute());
        // Reported even when nothing was deleted: a cache may still hold a row another node removed.
        changes.changed(scope, TABLE, key);
        return deleted > 0;
    }

    private static int rowVersion(Handle handle, TenantScope scope, String id) {
        return handle.createQuery("""
                        SELECT row_version FROM event_source WHERE tenant = :tenant AND production = :production AND id = :id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .bind("id", id)
                .mapTo(Integer.class)
                .one();
    }

    private EventSource parse(String data) {
        try {
            return EventSource.fromJson(json.readTree(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event_source.data is not valid JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value instanceof EventSource source ? source.toJson() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}

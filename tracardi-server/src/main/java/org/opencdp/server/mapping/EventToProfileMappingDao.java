package org.opencdp.server.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.storage.TenantScope;

/**
 * The {@code event_to_profile_mapping} table (operations §3.2): primary key (tenant, production, id), the whole
 * entity in {@code data}, and {@code name}, {@code enabled} and {@code event_type_id} copied out of it for queries.
 * Every method takes the scope; there is no unscoped query. Every committed write is reported to the
 * {@link ConfigChangePublisher}, which drops the scope's mappings from the caches of this node at once and of the
 * other nodes through Redis.
 */
public final class EventToProfileMappingDao {

    public static final String TABLE = "event_to_profile_mapping";

    /** A stored mapping and its optimistic-concurrency counter. */
    public record Stored(EventToProfileMapping mapping, int rowVersion) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ConfigChangePublisher changes;

    public EventToProfileMappingDao(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.json = Objects.requireNonNull(json, "json");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** The mapping with this id (trimmed and lower-cased before the lookup). */
    public Optional<EventToProfileMapping> find(TenantScope scope, String id) {
        return findStored(scope, id).map(Stored::mapping);
    }

    public Optional<Stored> findStored(TenantScope scope, String id) {
        String key = EventToProfileMapping.normalizeId(id);
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return reading(() -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data, row_version FROM event_to_profile_mapping
                        WHERE tenant = :tenant AND production = :production AND id = :id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .bind("id", key)
                .map((rs, ctx) -> new Stored(parse(rs.getString("data")), rs.getInt("row_version")))
                .findOne()));
    }

    /** Every mapping of the scope, ordered by name then id. */
    public List<EventToProfileMapping> list(TenantScope scope) {
        return reading(() -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data FROM event_to_profile_mapping WHERE tenant = :tenant AND production = :production
                        ORDER BY name, id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .map((rs, ctx) -> parse(rs.getString("data")))
                .list()));
    }

    /**
     * The enabled mappings of an event type (normalised as at ingest), in id order: the order they run in
     * (processing §7.2).
     *
     * @throws MappingsUnavailableException when MySQL cannot be reached
     */
    public List<EventToProfileMapping> enabledFor(TenantScope scope, String eventType) {
        String type = EventToProfileMapping.normalizeEventType(eventType);
        if (type == null) {
            return List.of();
        }
        return reading(() -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT data FROM event_to_profile_mapping
                        WHERE tenant = :tenant AND production = :production AND event_type_id = :type AND enabled = TRUE
                        ORDER BY id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .bind("type", type)
                .map((rs, ctx) -> parse(rs.getString("data")))
                .list()));
    }

    /**
     * Inserts the mapping or replaces the stored one, adding one to its {@code row_version}; returns the new row
     * version (1 for a new row).
     *
     * @throws IllegalArgumentException when it has no id or no event type, or they are too long
     */
    public int upsert(TenantScope scope, EventToProfileMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        if (mapping.id() == null || mapping.id().isEmpty()) {
            throw new IllegalArgumentException("an event-to-profile mapping needs an id");
        }
        if (mapping.id().length() > 64) {
            throw new IllegalArgumentException("event-to-profile mapping ids have at most 64 characters");
        }
        if (mapping.eventTypeId() != null && mapping.eventTypeId().length() > 128) {
            throw new IllegalArgumentException("event types have at most 128 characters");
        }
        String data = write(mapping);
        int version = jdbi.inTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO event_to_profile_mapping (tenant, production, id, name, enabled, event_type_id, data)
                            VALUES (:tenant, :production, :id, :name, :enabled, :type, :data)
                            ON DUPLICATE KEY UPDATE name = VALUES(name), enabled = VALUES(enabled),
                              event_type_id = VALUES(event_type_id), data = VALUES(data),
                              row_version = row_version + 1, updated_at = CURRENT_TIMESTAMP(6)""")
                    .bind("tenant", scope.tenant().name())
                    .bind("production", scope.production())
                    .bind("id", mapping.id())
                    .bind("name", truncate(mapping.name() == null ? "" : mapping.name(), 255))
                    .bind("enabled", mapping.enabled())
                    .bind("type", mapping.eventTypeId())
                    .bind("data", data)
                    .execute();
            return rowVersion(handle, scope, mapping.id());
        });
        changes.changed(scope, TABLE, mapping.id());
        return version;
    }

    /** Deletes the mapping; returns whether it existed. */
    public boolean delete(TenantScope scope, String id) {
        String key = EventToProfileMapping.normalizeId(id);
        if (key == null || key.isEmpty()) {
            return false;
        }
        int deleted = jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM event_to_profile_mapping WHERE tenant = :tenant AND production = :production AND id = :id""")
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
                        SELECT row_version FROM event_to_profile_mapping
                        WHERE tenant = :tenant AND production = :production AND id = :id""")
                .bind("tenant", scope.tenant().name())
                .bind("production", scope.production())
                .bind("id", id)
                .mapTo(Integer.class)
                .one();
    }

    /** Runs a read, turning "MySQL cannot be reached" into {@link MappingsUnavailableException}. */
    private static <T> T reading(Supplier<T> read) {
        try {
            return read.get();
        } catch (ConnectionException e) {
            throw new MappingsUnavailableException("MySQL unavailable: " + e.getMessage(), e);
        } catch (UnableToExecuteStatementException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLRecoverableException || cause instanceof SQLTransientException) {
                    throw new MappingsUnavailableException("MySQL unavailable: " + cause.getMessage(), e);
                }
            }
            throw e;
        }
    }

    private EventToProfileMapping parse(String data) {
        try {
            return EventToProfileMapping.fromJson(json.readTree(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event_to_profile_mapping.data is not valid JSON", e);
        }
    }

    private String write(EventToProfileMapping mapping) {
        try {
            return json.writeValueAsString(mapping.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}

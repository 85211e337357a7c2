package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;

/**
 * The {@code event_to_profile_mapping} table (operations §3.2) through the generic {@link ConfigTable}: the whole
 * entity in {@code data}, and {@code name}, {@code enabled} and {@code event_type_id} copied out of it. Every
 * committed write is reported to the {@link ConfigChangePublisher}, which drops the scope's mappings from the
 * caches of every node. Reads that cannot reach MySQL raise {@link MappingsUnavailableException}, which the
 * worker turns into a retry.
 */
public final class EventToProfileMappingDao {

    public static final String TABLE = "event_to_profile_mapping";

    public static final ConfigTableSpec<EventToProfileMapping> SPEC = new ConfigTableSpec<>(TABLE, true, true,
            EventToProfileMapping::id, EventToProfileMapping::fromJson, EventToProfileMapping::toJson, List.of(
                    ConfigColumn.requiredText("name", 255, EventToProfileMapping::name),
                    ConfigColumn.flag("enabled", EventToProfileMapping::enabled),
                    ConfigColumn.text("event_type_id", 128, EventToProfileMapping::eventTypeId)),
            "name, id");

    /** A stored mapping and its optimistic-concurrency counter. */
    public record Stored(EventToProfileMapping mapping, int rowVersion) {
    }

    private final ConfigTable<EventToProfileMapping> table;

    public EventToProfileMappingDao(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes) {
        this.table = new ConfigTable<>(jdbi, json, changes, SPEC);
    }

    /** The mapping with this id (trimmed and lower-cased before the lookup). */
    public Optional<EventToProfileMapping> find(TenantScope scope, String id) {
        return findStored(scope, id).map(Stored::mapping);
    }

    public Optional<Stored> findStored(TenantScope scope, String id) {
        String key = EventToProfileMapping.normalizeId(id);
        return reading(() -> table.findStored(scope, key).map(stored -> new Stored(stored.value(), stored.rowVersion())));
    }

    /** Every mapping of the scope, ordered by name then id. */
    public List<EventToProfileMapping> list(TenantScope scope) {
        return reading(() -> table.list(scope));
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
        List<EventToProfileMapping> found = reading(() -> table.listWhere(scope, Map.of("event_type_id", type,
                "enabled", true)));
        return found.stream().sorted(java.util.Comparator.comparing(EventToProfileMapping::id)).toList();
    }

    /**
     * Inserts the mapping or replaces the stored one, adding one to its {@code row_version}; returns the new row
     * version (1 for a new row).
     *
     * @throws IllegalArgumentException when it has no id or no event type, or they are too long
     */
    public int upsert(TenantScope scope, EventToProfileMapping mapping) {
        if (mapping.eventTypeId() != null && mapping.eventTypeId().length() > 128) {
            throw new IllegalArgumentException("event types have at most 128 characters");
        }
        return table.upsert(scope, mapping);
    }

    /** Deletes the mapping; returns whether it existed. */
    public boolean delete(TenantScope scope, String id) {
        return table.delete(scope, EventToProfileMapping.normalizeId(id));
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
}

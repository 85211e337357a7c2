package org.opencdp.server.storage.mysql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/**
 * One configuration table (operations §3.2) read and written by (scope, id): the whole entity in the JSON
 * {@code data} column, the lookup columns of its {@link ConfigTableSpec} filled from the entity on every write,
 * {@code row_version} counted up by each upsert. Every query is scoped (tenant, and context for per-context
 * tables); there is no unscoped query. Every committed write is reported to the {@link ConfigChangePublisher}, so
 * caches drop the row on this node before the call returns and on the other nodes through Redis.
 *
 * <p>Ids are used as given: callers normalise them (trim, lower-case) before.
 */
public final class ConfigTable<T> {

    /** A stored entity and its optimistic-concurrency counter (0 for tables without one). */
    public record Stored<T>(T value, int rowVersion) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ConfigChangePublisher changes;
    private final ConfigTableSpec<T> spec;
    private final String scopeClause;

    public ConfigTable(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes, ConfigTableSpec<T> spec) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.json = Objects.requireNonNull(json, "json");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.scopeClause = spec.perContext() ? "tenant = :tenant AND production = :production" : "tenant = :tenant";
    }

    public String name() {
        return spec.table();
    }

    public ConfigTableSpec<T> spec() {
        return spec;
    }

    public Optional<T> find(TenantScope scope, String id) {
        return findStored(scope, id).map(Stored::value);
    }

    public Optional<Stored<T>> findStored(TenantScope scope, String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String versionColumn = spec.versioned() ? "row_version" : "0 AS row_version";
        return jdbi.withHandle(handle -> bindScope(handle.createQuery("SELECT data, " + versionColumn + " FROM "
                        + spec.table() + " WHERE " + scopeClause + " AND id = :id"), scope)
                .bind("id", id)
                .map((rs, ctx) -> new Stored<>(parse(rs.getString("data")), rs.getInt("row_version")))
                .findOne());
    }

    /** Every entity of the scope, in the spec's order. */
    public List<T> list(TenantScope scope) {
        return listWhere(scope, Map.of());
    }

    /**
     * The entities whose lookup columns equal the given values (AND), in the spec's order. Only the spec's
     * columns, {@code id} and {@code enabled} may be named.
     */
    public List<T> listWhere(TenantScope scope, Map<String, ?> equal) {
        String where = conditions(equal);
        return jdbi.withHandle(handle -> {
            var query = bindScope(handle.createQuery("SELECT data FROM " + spec.table() + " WHERE " + scopeClause + where
                    + " ORDER BY " + spec.orderBy()), scope);
            equal.forEach((column, value) -> query.bind("w_" + column, value));
            return query.map((rs, ctx) -> parse(rs.getString("data"))).list();
        });
    }

    /**
     * Inserts the entity or replaces the stored one (adding one to {@code row_version}); returns the new row
     * version (1 for a new row, 0 for tables without one).
     *
     * @throws IllegalArgumentException when the entity has no id or one longer than 64 characters
     */
    public int upsert(TenantScope scope, T entity) {
        Objects.requireNonNull(entity, "entity");
        String id = spec.id().apply(entity);
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(spec.table() + " rows need an id");
        }
        if (id.length() > 64) {
            throw new IllegalArgumentException(spec.table() + " ids have at most 64 characters");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigColumn<T> column : spec.columns()) {
            Object value = column.extract(entity);
            values.put(column.name(), column.kind() == ConfigColumn.Kind.JSON ? write(value) : value);
        }
        values.put("data", write(spec.writer().apply(entity)));
        int version = jdbi.inTransaction(handle -> {
            var update = bindScope(handle.createUpdate(upsertSql(values.keySet())), scope).bind("id", id);
            values.forEach(update::bind);
            update.execute();
            return spec.versioned() ? rowVersion(handle, scope, id) : 0;
        });
        changes.changed(scope, spec.table(), id);
        return version;
    }

    /** Deletes the row; returns whether it existed. */
    public boolean delete(TenantScope scope, String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        int deleted = jdbi.withHandle(handle -> bindScope(handle.createUpdate("DELETE FROM " + spec.table()
                + " WHERE " + scopeClause + " AND id = :id"), scope).bind("id", id).execute());
        // Reported even when nothing was deleted: a cache may still hold a row another node removed.
        changes.changed(scope, spec.table(), id);
        return deleted > 0;
    }

    /** Deletes the rows whose lookup columns equal the values; returns how many went. */
    public int deleteWhere(TenantScope scope, Map<String, ?> equal) {
        String where = conditions(equal);
        List<String> ids = jdbi.withHandle(handle -> {
            var query = bindScope(handle.createQuery("SELECT id FROM " + spec.table() + " WHERE " + scopeClause + where),
                    scope);
            equal.forEach((column, value) -> query.bind("w_" + column, value));
            return query.mapTo(String.class).list();
        });
        int deleted = 0;
        for (String id : ids) {
            deleted += delete(scope, id) ? 1 : 0;
        }
        return deleted;
    }

    /**
     * Deployment (private-api §3.13): copies the staging row to production, lookup columns included. Returns
     * false when the staging row does not exist. Per-tenant tables have nothing to copy.
     */
    public boolean copyToProduction(Tenant tenant, String id) {
        if (!spec.perContext()) {
            throw new IllegalStateException(spec.table() + " is not kept per context");
        }
        String columns = spec.columns().stream().map(ConfigColumn::name).collect(Collectors.joining(", "));
        String sourceColumns = spec.columns().stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "));
        String target = spec.table();
        // The target's columns are qualified: in INSERT ... SELECT both tables name them.
        String updates = spec.columns().stream().map(c -> target + "." + c.name() + " = s." + c.name())
                .collect(Collectors.joining(", "));
        int copied = jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO " + target
                        + " (tenant, production, id, " + columns + ", data) SELECT s.tenant, TRUE, s.id, " + sourceColumns
                        + ", s.data FROM " + target + " AS s WHERE s.tenant = :tenant AND s.production = FALSE AND s.id = :id"
                        + " ON DUPLICATE KEY UPDATE " + updates + ", " + target + ".data = s.data, " + target
                        + ".row_version = " + target + ".row_version + 1, " + target + ".updated_at = CURRENT_TIMESTAMP(6)")
                .bind("tenant", tenant.name())
                .bind("id", id)
                .execute());
        changes.changed(TenantScope.production(tenant), spec.table(), id);
        return copied > 0;
    }

    private String upsertSql(Iterable<String> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(names::add);
        String keyColumns = spec.perContext() ? "tenant, production, id" : "tenant, id";
        String keyValues = spec.perContext() ? ":tenant, :production, :id" : ":tenant, :id";
        String updates = names.stream().map(name -> name + " = VALUES(" + name + ")").collect(Collectors.joining(", "));
        return "INSERT INTO " + spec.table() + " (" + keyColumns + ", " + String.join(", ", names) + ") VALUES ("
                + keyValues + ", " + names.stream().map(name -> ":" + name).collect(Collectors.joining(", "))
                + ") ON DUPLICATE KEY UPDATE " + updates
                + (spec.versioned() ? ", row_version = row_version + 1" : "") + ", updated_at = CURRENT_TIMESTAMP(6)";
    }

    private String conditions(Map<String, ?> equal) {
        StringBuilder where = new StringBuilder();
        for (String column : equal.keySet()) {
            boolean known = column.equals("id") || column.equals("enabled")
                    || spec.columns().stream().anyMatch(c -> c.name().equals(column));
            if (!known) {
                throw new IllegalArgumentException(spec.table() + " has no lookup column " + column);
            }
            where.append(" AND ").append(column).append(" = :w_").append(column);
        }
        return where.toString();
    }

    private int rowVersion(Handle handle, TenantScope scope, String id) {
        return bindScope(handle.createQuery("SELECT row_version FROM " + spec.table() + " WHERE " + scopeClause
                + " AND id = :id"), scope).bind("id", id).mapTo(Integer.class).one();
    }

    private <S extends SqlStatement<S>> S bindScope(S statement, TenantScope scope) {
        statement.bind("tenant", scope.tenant().name());
        if (spec.perContext()) {
            statement.bind("production", scope.production());
        }
        return statement;
    }

    private T parse(String data) {
        try {
            return spec.reader().apply(json.readTree(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(spec.table() + ".data is not valid JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.opencdp.server.storage.mysql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link ConfigTable} needs to know about one configuration table: its name, whether rows are per context
 * (a {@code production} column in the key) or per tenant only, whether it keeps a {@code row_version}, how the
 * entity is read from and written to {@code data}, and its lookup columns.
 *
 * @param table         the SQL table name (a constant of the code)
 * @param perContext    true when the primary key is (tenant, production, id); false for (tenant, id)
 * @param versioned     true when the table has a {@code row_version} column
 * @param id            the entity's id (already normalised)
 * @param reader        builds the entity from the stored {@code data}
 * @param writer        the document stored in {@code data}
 * @param columns       the lookup columns copied out of the entity on every write
 * @param orderBy       the ORDER BY of lists, e.g. {@code "name, id"} (a constant of the code)
 */
public record ConfigTableSpec<T>(String table, boolean perContext, boolean versioned, Function<T, String> id,
                                 Function<JsonNode, T> reader, Function<T, JsonNode> writer,
                                 List<ConfigColumn<T>> columns, String orderBy) {

    public ConfigTableSpec {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
        columns = List.copyOf(columns);
        if (!table.matches("[a-z_]+") || !orderBy.matches("[a-z_, ]+")) {
            throw new IllegalArgumentException("not a table or ORDER BY: " + table + " / " + orderBy);
        }
    }

    /**
     * A per-context, versioned table whose entity is the stored JSON document itself, with {@code name} and
     * {@code enabled} columns (most configuration tables) plus any extra lookup columns.
     */
    @SafeVarargs
    public static ConfigTableSpec<ObjectNode> documents(String table, ConfigColumn<ObjectNode>... extra) {
        List<ConfigColumn<ObjectNode>> columns = new java.util.ArrayList<>();
        columns.add(ConfigColumn.requiredText("name", 255, doc -> Documents.text(doc, "name")));
        columns.add(ConfigColumn.flag("enabled", doc -> doc.path("enabled").asBoolean(true)));
        columns.addAll(List.of(extra));
        return new ConfigTableSpec<>(table, true, true, doc -> Documents.text(doc, "id"), Documents::asObject,
                doc -> doc, columns, "name, id");
    }

    /** A copy with other lookup columns. */
    public ConfigTableSpec<T> withColumns(List<ConfigColumn<T>> newColumns) {
        return new ConfigTableSpec<>(table, perContext, versioned, id, reader, writer, newColumns, orderBy);
    }

    /** A copy for a table keyed by tenant only, optionally without {@code row_version}. */
    public ConfigTableSpec<T> perTenant(boolean withRowVersion) {
        return new ConfigTableSpec<>(table, false, withRowVersion, id, reader, writer, columns, orderBy);
    }

    /** A copy with another list order. */
    public ConfigTableSpec<T> orderedBy(String newOrder) {
        return new ConfigTableSpec<>(table, perContext, versioned, id, reader, writer, columns, newOrder);
    }
}

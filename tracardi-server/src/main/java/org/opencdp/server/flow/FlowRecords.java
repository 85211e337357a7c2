package org.opencdp.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/**
 * The flow record (domain-model §7) as stored in {@code workflow.data}: metadata, {@code lock}, {@code deployed},
 * timestamps and the {@code draft}, {@code production} and {@code backup} graphs (workflows §1, kept verbatim).
 */
public final class FlowRecords {

    public static final String TABLE = "workflow";
    static final List<String> METADATA_FIELDS = List.of("id", "name", "description", "type", "tags", "projects", "lock",
            "deployed", "timestamp", "deploy_timestamp");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents(TABLE,
            ConfigColumn.requiredText("type", 32, doc -> typeOf(doc)),
            ConfigColumn.flag("deployed", doc -> doc.path("deployed").asBoolean(false)));

    private FlowRecords() {
    }

    /** {@code collection} unless the document says {@code segmentation}. */
    static String typeOf(JsonNode doc) {
        return "segmentation".equals(Documents.text(doc, "type")) ? "segmentation" : "collection";
    }

    /** A new record; {@code withProduction} also gives it an empty production graph (as metadata creation does). */
    static ObjectNode newRecord(String id, String name, String description, String type, JsonNode tags,
                                JsonNode projects, boolean withProduction) {
        ObjectNode record = NODES.objectNode();
        record.put("id", id);
        record.put("name", name == null ? "" : name);
        record.put("description", description == null ? "" : description);
        record.put("type", "segmentation".equals(type) ? "segmentation" : "collection");
        record.set("tags", tags != null && tags.isArray() ? tags : NODES.arrayNode().add("General"));
        record.set("projects", projects != null && projects.isArray() ? projects : NODES.arrayNode().add("General"));
        record.put("lock", false);
        record.put("deployed", false);
        record.put("timestamp", Bodies.now());
        record.putNull("deploy_timestamp");
        record.set("draft", emptyFlow(record));
        record.set("production", withProduction ? emptyFlow(record) : NODES.nullNode());
        record.putNull("backup");
        record.put("debug_enabled", false);
        return record;
    }

    /** An empty graph that carries the record's metadata. */
    static ObjectNode emptyFlow(ObjectNode record) {
        ObjectNode flow = NODES.objectNode();
        flow.put("id", Bodies.text(record, "id"));
        flow.put("name", Bodies.text(record, "name"));
        flow.put("description", Bodies.text(record, "description"));
        flow.put("type", typeOf(record));
        flow.set("tags", record.path("tags").isArray() ? record.get("tags").deepCopy() : NODES.arrayNode());
        flow.put("lock", record.path("lock").asBoolean(false));
        flow.putObject("response");
        flow.set("timestamp", record.path("timestamp").deepCopy());
        flow.putNull("deploy_timestamp");
        flow.putNull("file_name");
        flow.putObject("wf_schema").put("version", "0.9.0").put("uri", "http://www.tracardi.com/2021/WFSchema")
                .put("server_version", "0.9.0");
        ObjectNode graph = flow.putObject("flowGraph");
        graph.putArray("nodes");
        graph.putArray("edges");
        return flow;
    }

    /** The graph stored under {@code field}, or null when there is none. */
    static ObjectNode graph(ObjectNode record, String field) {
        JsonNode graph = record.get(field);
        return graph != null && graph.isObject() ? (ObjectNode) graph : null;
    }

    /** A graph as returned: a copy with the record's lock (the lock lives on the record). */
    static ObjectNode view(ObjectNode record, ObjectNode graph) {
        ObjectNode copy = graph.deepCopy();
        copy.put("lock", record.path("lock").asBoolean(false));
        return copy;
    }

    /** The record without its graphs ({@code GET /flow/metadata/{id}}, {@code /flows}). */
    static ObjectNode metadata(ObjectNode record) {
        ObjectNode view = NODES.objectNode();
        for (String field : METADATA_FIELDS) {
            JsonNode value = record.get(field);
            view.set(field, value == null ? NODES.nullNode() : value.deepCopy());
        }
        if (!view.path("tags").isArray()) {
            view.set("tags", NODES.arrayNode());
        }
        if (!view.path("projects").isArray()) {
            view.set("projects", NODES.arrayNode());
        }
        return view;
    }
}

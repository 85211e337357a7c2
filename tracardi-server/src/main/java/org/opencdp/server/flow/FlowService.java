package org.opencdp.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigTable;

/**
 * Flow records and their draft / production / backup graphs (private-api §3.9). Deployment is only
 * {@link #deploy} (D34): saving a draft never touches the production graph.
 */
public final class FlowService {

    static final String MISSING_DRAFT = "Can not deploy missing draft workflow";

    private final ConfigTable<ObjectNode> flows;
    private final ConfigTable<ObjectNode> rules;

    /** {@code rules} is the {@code workflow_trigger} table, whose rows go with their flow. */
    public FlowService(ConfigTable<ObjectNode> flows, ConfigTable<ObjectNode> rules) {
        this.flows = flows;
        this.rules = rules;
    }

    public Optional<ObjectNode> find(TenantScope scope, String id) {
        return flows.find(scope, Bodies.normalizeId(id));
    }

    public List<ObjectNode> list(TenantScope scope) {
        return flows.list(scope);
    }

    /** Creates an empty record (draft and production graphs) unless one exists; used by rules (§3.10). */
    public void ensureExists(TenantScope scope, String id, String name) {
        if (flows.find(scope, id).isEmpty()) {
            flows.upsert(scope, FlowRecords.newRecord(id, name, "", "collection", null, null, true));
        }
    }

    /** {@code POST /flow/metadata}: creates the record with empty graphs, or updates its metadata. */
    public String saveMetadata(TenantScope scope, ObjectNode body) {
        String id = Bodies.idOrNew(body);
        Optional<ObjectNode> existing = flows.find(scope, id);
        ObjectNode record = existing.orElseGet(() -> FlowRecords.newRecord(id, Bodies.text(body, "name"),
                Bodies.text(body, "description"), Bodies.text(body, "type"), list(body, "tags"), list(body, "projects"), true));
        if (existing.isPresent()) {
            copyMetadata(body, record);
            if (body.has("projects") && body.get("projects").isArray()) {
                record.set("projects", body.get("projects"));
            }
        }
        flows.upsert(scope, record);
        return id;
    }

    /** {@code POST /flow/draft/metadata}: name, description, type and tags of the record and its draft. */
    public String saveDraftMetadata(TenantScope scope, ObjectNode body) {
        String id = Bodies.requiredId(body);
        ObjectNode record = flows.find(scope, id).orElseThrow(() -> fail(404, "Missing flow record " + id));
        copyMetadata(body, record);
        ObjectNode draft = FlowRecords.graph(record, "draft");
        if (draft != null) {
            copyMetadata(body, draft);
        }
        flows.upsert(scope, record);
        return id;
    }

    /** {@code POST /flow/draft}: stores the graph as the draft, creating the record (without production). */
    public String saveDraft(TenantScope scope, ObjectNode flow) {
        String id = Bodies.requiredId(flow);
        ObjectNode record = flows.find(scope, id).orElseGet(() -> FlowRecords.newRecord(id, Bodies.text(flow, "name"),
                Bodies.text(flow, "description"), Bodies.text(flow, "type"), list(flow, "tags"), null, false));
        record.set("draft", flow);
        record.put("timestamp", Bodies.now());
        flows.upsert(scope, record);
        return id;
    }

    /** {@code POST /flow/production}: backup ← production, production ← flow, draft ← flow. */
    public String deploy(TenantScope scope, ObjectNode flow) {
        String id = Bodies.requiredId(flow);
        ObjectNode record = flows.find(scope, id).orElseThrow(() -> fail(406, MISSING_DRAFT));
        JsonNode production = record.get("production");
        record.set("backup", production == null ? null : production.deepCopy());
        record.set("production", flow);
        record.set("draft", flow.deepCopy());
        record.put("deployed", true);
        record.put("deploy_timestamp", Bodies.now());
        flows.upsert(scope, record);
        return id;
    }

    /** The draft, else the production graph, else an empty flow; empty when there is no record. */
    public Optional<ObjectNode> draft(TenantScope scope, String id) {
        return find(scope, id).map(record -> {
            ObjectNode graph = FlowRecords.graph(record, "draft");
            graph = graph != null ? graph : FlowRecords.graph(record, "production");
            return FlowRecords.view(record, graph != null ? graph : FlowRecords.emptyFlow(record));
        });
    }

    /** The production graph, else an empty flow; empty when there is no record. */
    public Optional<ObjectNode> production(TenantScope scope, String id) {
        return find(scope, id).map(record -> {
            ObjectNode graph = FlowRecords.graph(record, "production");
            return FlowRecords.view(record, graph != null ? graph : FlowRecords.emptyFlow(record));
        });
    }

    /** production ← backup, or draft ← production; 404 without a record, 406 with nothing to restore. */
    public ObjectNode restore(TenantScope scope, String id, boolean production) {
        ObjectNode record = find(scope, id).orElseThrow(() -> new WebApplicationException(ApiResponses.notFoundNull()));
        String from = production ? "backup" : "production";
        ObjectNode source = FlowRecords.graph(record, from);
        if (source == null) {
            throw fail(406, production ? "There is no backup of the production workflow to restore."
                    : "There is no production workflow to restore the draft from.");
        }
        record.set(production ? "production" : "draft", source.deepCopy());
        flows.upsert(scope, record);
        return FlowRecords.view(record, source);
    }

    /** Sets the record's editing lock; 406 when the flow does not exist. */
    public String lock(TenantScope scope, String id, boolean locked) {
        ObjectNode record = find(scope, id).orElseThrow(() -> fail(406, "Can not lock missing workflow " + id));
        record.put("lock", locked);
        flows.upsert(scope, record);
        return Bodies.text(record, "id");
    }

    /** Deletes the record and the rules that point to it; false when there was no record. */
    public boolean delete(TenantScope scope, String id) {
        String key = Bodies.normalizeId(id);
        if (!flows.delete(scope, key)) {
            return false;
        }
        rules.deleteWhere(scope, Map.of("flow_id", key));
        return true;
    }

    private static void copyMetadata(ObjectNode from, ObjectNode to) {
        for (String field : List.of("name", "description", "type", "tags")) {
            if (from.has(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    private static JsonNode list(ObjectNode doc, String field) {
        JsonNode value = doc.get(field);
        return value != null && value.isArray() ? value : null;
    }

    static WebApplicationException fail(int status, String detail) {
        return new WebApplicationException(ApiResponses.detail(status, detail));
    }
}

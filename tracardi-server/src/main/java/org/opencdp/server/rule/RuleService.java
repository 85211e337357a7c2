package org.opencdp.server.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.flow.FlowService;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/**
 * Rules (workflow triggers, domain-model §6): normalises the posted rule, checks its source exists in the same
 * context and creates an empty flow record when the rule names a flow that does not exist yet.
 */
public final class RuleService {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("workflow_trigger",
            ConfigColumn.requiredText("event_type_id", 128, doc -> Documents.text(doc, "event_type.id")),
            ConfigColumn.requiredText("source_id", 128, doc -> Documents.text(doc, "source.id")),
            ConfigColumn.requiredText("flow_id", 64, doc -> Documents.text(doc, "flow.id")));

    private final ConfigTable<ObjectNode> rules;
    private final EventSourceDao sources;
    private final FlowService flows;

    public RuleService(ConfigTable<ObjectNode> rules, EventSourceDao sources, FlowService flows) {
        this.rules = rules;
        this.sources = sources;
        this.flows = flows;
    }

    public ConfigTable<ObjectNode> table() {
        return rules;
    }

    /** Saves the rule; returns its id. Unknown source → 422 {@code "Incorrect source id: `<id>`"}. */
    public String save(TenantScope scope, ObjectNode rule) {
        String id = normalize(rule);
        String sourceId = Documents.text(rule, "source.id");
        if (sources.find(scope, sourceId).isEmpty()) {
            String given = sourceId;
            throw new WebApplicationException(ApiResponses.detail(422, "Incorrect source id: `" + given + "`"));
        }
        String flowId = Documents.text(rule, "flow.id");
        if (flowId.length() > Bodies.MAX_ID_LENGTH) {
            throw InvalidBodyException.of("flow", "flow ids have at most " + Bodies.MAX_ID_LENGTH + " characters");
        }
        flows.ensureExists(scope, flowId, Documents.text(rule, "flow.name"));
        rules.upsert(scope, rule);
        return id;
    }

    /** Fills defaults and the 0.6 dialect in place; returns the id. */
    static String normalize(ObjectNode rule) {
        String id = Bodies.idOrNew(rule);
        JsonNode legacy = rule.get("event");
        if (!rule.hasNonNull("event_type") && legacy != null && legacy.hasNonNull("type")) {
            String type = legacy.get("type").asText();
            rule.putObject("event_type").put("id", type).put("name", type);
        }
        rule.remove("event");
        if (Bodies.reference(rule, "event_type") == null) {
            throw InvalidBodyException.of("event_type", "field required");
        }
        ObjectNode eventType = (ObjectNode) rule.get("event_type");
        eventType.put("id", normalizeEventType(eventType.get("id").asText()));
        if (Bodies.reference(rule, "source") == null) {
            throw InvalidBodyException.of("source", "field required");
        }
        if (Bodies.reference(rule, "flow") == null) {
            throw InvalidBodyException.of("flow", "field required");
        }
        Bodies.defaultText(rule, "name", "");
        Bodies.defaultText(rule, "description", "");
        Bodies.defaultText(rule, "type", "event-collect");
        Bodies.flag(rule, "enabled", true);
        if (Bodies.stringList(rule, "tags").isEmpty()) {
            rule.putArray("tags").add("General");
        }
        Bodies.objectField(rule, "properties");
        if (!rule.has("segment")) {
            rule.putNull("segment");
        }
        ObjectNode time = Bodies.objectField(Bodies.objectField(rule, "metadata"), "time");
        Bodies.defaultText(time, "insert", Bodies.now());
        return id;
    }

    /** As at ingest (collector §3.3): trimmed, lower-cased, spaces → dashes. */
    static String normalizeEventType(String type) {
        return type.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    public List<ObjectNode> byFlow(TenantScope scope, String flowId) {
        return rules.listWhere(scope, java.util.Map.of("flow_id", Bodies.normalizeId(flowId)));
    }

    public List<ObjectNode> byEventType(TenantScope scope, String eventType) {
        return rules.listWhere(scope, java.util.Map.of("event_type_id", normalizeEventType(eventType)));
    }
}

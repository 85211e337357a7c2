package org.opencdp.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.workflow.plugin.ActionPlugin;
import org.opencdp.server.workflow.plugins.BuiltinPlugins;
import org.opencdp.server.workflow.plugins.PluginServices;

/**
 * Builds a straight flow for tests: Start, then the given built-in actions one after another (each fed by the
 * previous one's chosen output port), then End; and deploys it with a rule in the staging context.
 */
final class ChainFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ActionPlugin> PLUGINS = BuiltinPlugins.all(PluginServices.unavailable());

    private final String id;
    private final List<ObjectNode> nodes = new ArrayList<>();
    private final ArrayNode edges = JSON.createArrayNode();
    private String lastNode;
    private String lastPort;

    ChainFlow(String id) {
        this.id = id;
        add("StartAction", null, "payload");
    }

    /** Appends the action of this class name with its init (JSON text, or null for the default), fed on its first input. */
    ChainFlow then(String className, String init, String outputPort) throws Exception {
        return add(className, init == null ? null : JSON.readTree(init), outputPort);
    }

    private ChainFlow add(String className, JsonNode init, String outputPort) {
        ActionPlugin plugin = PLUGINS.stream().filter(p -> p.className().equals(className)).findFirst().orElseThrow();
        String nodeId = "n" + nodes.size();
        ObjectNode node = JSON.createObjectNode().put("id", nodeId).put("type", "flowNode");
        ObjectNode data = node.putObject("data").put("start", nodes.isEmpty()).put("debug", false);
        ObjectNode spec = data.putObject("spec").put("module", plugin.module()).put("className", plugin.className());
        plugin.descriptor().inputs().forEach(spec.putArray("inputs")::add);
        plugin.descriptor().outputs().forEach(spec.putArray("outputs")::add);
        spec.set("init", init);
        data.putObject("metadata").put("name", className);
        nodes.add(node);
        if (lastNode != null) {
            ObjectNode edge = edges.addObject().put("id", "e" + nodes.size()).put("source", lastNode)
                    .put("sourceHandle", lastPort).put("target", nodeId)
                    .put("targetHandle", plugin.descriptor().inputs().get(0));
            edge.putObject("data").put("name", "");
        }
        lastNode = nodeId;
        lastPort = outputPort;
        return this;
    }

    ObjectNode graph() {
        ObjectNode flow = JSON.createObjectNode().put("id", id).put("name", "Flow " + id);
        ObjectNode graph = flow.putObject("flowGraph");
        ArrayNode all = graph.putArray("nodes");
        nodes.forEach(all::add);
        ArrayNode withEnd = edges.deepCopy();
        ActionPlugin end = PLUGINS.stream().filter(p -> p.className().equals("EndAction")).findFirst().orElseThrow();
        ObjectNode endNode = JSON.createObjectNode().put("id", "end").put("type", "flowNode");
        ObjectNode data = endNode.putObject("data").put("start", false).put("debug", false);
        ObjectNode spec = data.putObject("spec").put("module", end.module()).put("className", end.className());
        spec.putArray("inputs").add("payload");
        spec.putArray("outputs");
        spec.putNull("init");
        all.add(endNode);
        ObjectNode last = withEnd.addObject().put("id", "e-end").put("source", lastNode).put("sourceHandle", lastPort)
                .put("target", "end").put("targetHandle", "payload");
        last.putObject("data").put("name", "");
        graph.set("edges", withEnd);
        return flow;
    }

    /** Deploys the flow in staging and a rule running it on {@code eventType} from {@code sourceId}. */
    void deploy(Jdbi jdbi, String eventType, String sourceId) {
        ObjectNode flow = graph();
        ObjectNode record = JSON.createObjectNode().put("id", id).put("name", flow.path("name").asText());
        record.set("draft", flow);
        record.set("production", flow);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO workflow (tenant, production, id, name, deployed, data)
                        VALUES ('default', FALSE, :id, :name, TRUE, :data)""")
                .bind("id", id).bind("name", flow.path("name").asText()).bind("data", record.toString()).execute());
        String ruleId = "rule-" + id;
        String data = "{\"id\":\"" + ruleId + "\",\"name\":\"" + ruleId + "\",\"event_type\":{\"id\":\"" + eventType + "\"},"
                + "\"source\":{\"id\":\"" + sourceId + "\"},\"flow\":{\"id\":\"" + id + "\"},\"enabled\":true}";
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO workflow_trigger (tenant, production, id, name, enabled, event_type_id, source_id, flow_id, data)
                        VALUES ('default', FALSE, :id, :name, TRUE, :type, :source, :flow, :data)""")
                .bind("type", eventType).bind("id", ruleId).bind("name", ruleId).bind("source", sourceId).bind("flow", id)
                .bind("data", data).execute());
    }
}

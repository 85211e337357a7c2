package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.workflow.plugin.PortResult;

/** Per-node and per-edge record of a run, the {@code debugInfo} of {@code /flow/debug} (workflows §11). */
public final class FlowTrace {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Map<String, ObjectNode> nodes = new LinkedHashMap<>();
    private final Map<String, ArrayNode> edges = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private int executions;

    void node(FlowNode node, int sequence) {
        ObjectNode entry = JSON.objectNode();
        entry.put("id", node.id());
        entry.put("name", node.name());
        entry.put("sequenceNumber", sequence);
        entry.putNull("executionNumber");
        entry.put("errors", 0);
        entry.put("warnings", 0);
        entry.putArray("calls");
        nodes.put(node.id(), entry);
    }

    void call(FlowNode node, boolean run, FlowEdge edge, String port, JsonNode input, List<PortResult> results,
              String error, long startNanos, long endNanos, ObjectNode profile, ObjectNode event, ObjectNode session) {
        ObjectNode entry = nodes.get(node.id());
        if (run && entry.path("executionNumber").isNull()) {
            entry.put("executionNumber", ++executions);
        }
        ObjectNode call = entry.withArray("calls").addObject();
        call.put("run", run);
        ObjectNode profiler = call.putObject("profiler");
        profiler.put("startTime", seconds(startNanos));
        profiler.put("runTime", (endNanos - startNanos) / 1e9);
        profiler.put("endTime", seconds(endNanos));
        ObjectNode in = call.putObject("input");
        if (edge == null) {
            in.putNull("edge");
        } else {
            in.putObject("edge").put("id", edge.id());
        }
        ObjectNode params = in.putObject("params");
        params.put("port", port);
        params.set("value", input == null ? JSON.nullNode() : input.deepCopy());
        ObjectNode out = call.putObject("output");
        out.putNull("edge");
        ArrayNode emitted = out.putArray("results");
        if (results != null) {
            results.forEach(result -> emitted.addObject().put("port", result.port()).set("value", result.value()));
        }
        call.set("init", node.init() == null ? JSON.objectNode() : node.init().deepCopy());
        call.set("profile", profile == null ? JSON.nullNode() : profile.deepCopy());
        call.set("event", event == null ? JSON.nullNode() : event.deepCopy());
        call.set("session", session == null ? JSON.nullNode() : session.deepCopy());
        call.put("error", error);
        call.put("errors", error == null ? 0 : 1);
        call.put("warnings", 0);
        if (error != null) {
            entry.put("errors", entry.path("errors").asInt() + 1);
        }
    }

    void edge(FlowEdge edge, boolean active) {
        edges.computeIfAbsent(edge.id(), k -> JSON.arrayNode()).add(active);
    }

    public ObjectNode nodesJson() {
        ObjectNode out = JSON.objectNode();
        nodes.forEach(out::set);
        return out;
    }

    public ObjectNode edgesJson() {
        ObjectNode out = JSON.objectNode();
        edges.forEach((id, active) -> out.putObject(id).set("active", active));
        return out;
    }

    private double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }
}

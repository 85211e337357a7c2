package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencdp.server.workflow.plugin.ActionPlugin;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;

/**
 * Turns Tracardi's flow JSON into a {@link CompiledFlow} (workflows §2 "Compile"): every plugin resolved and
 * its init validated, every edge checked, cycles rejected, unreachable nodes dropped.
 */
public final class FlowCompiler {

    private final PluginRegistry plugins;

    public FlowCompiler(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    /** Compiles a Flow object (the value of {@code draft} or {@code production}). */
    public CompiledFlow compile(JsonNode flow) throws FlowCompileException {
        List<FlowNode> nodes = new ArrayList<>();
        List<FlowEdge> edges = new ArrayList<>();
        JsonNode graph = flow == null ? null : flow.get("flowGraph");
        if (graph != null && !graph.isNull()) {
            graph.path("nodes").forEach(node -> nodes.add(FlowNode.parse(node)));
            graph.path("edges").forEach(edge -> edges.add(FlowEdge.parse(edge)));
        }
        Map<String, FlowNode> byId = new LinkedHashMap<>();
        for (FlowNode node : nodes) {
            if (node.id().isEmpty()) {
                throw new FlowCompileException(null, "A node has no id.");
            }
            if (byId.putIfAbsent(node.id(), node) != null) {
                throw new FlowCompileException(node.id(), "Node id " + node.id() + " is used twice.");
            }
        }
        Map<String, NodeRunner> runners = new HashMap<>();
        for (FlowNode node : nodes) {
            ActionPlugin plugin = plugins.find(node.pluginKey()).orElseThrow(() ->
                    new FlowCompileException(node.id(), "No plugin for id " + node.pluginKey() + " (node " + describe(node) + ")."));
            try {
                runners.put(node.id(), plugin.compile(node.init() == null || node.init().isNull() ? null : node.init()));
            } catch (PluginConfigException e) {
                throw new FlowCompileException(node.id(), "Invalid configuration of node " + describe(node) + ": " + e.getMessage());
            }
        }
        Map<String, List<FlowEdge>> inEdges = new HashMap<>();
        Map<String, List<FlowEdge>> outEdges = new HashMap<>();
        for (FlowEdge edge : edges) {
            FlowNode source = byId.get(edge.source());
            FlowNode target = byId.get(edge.target());
            if (source == null || target == null) {
                String missing = source == null ? edge.source() : edge.target();
                throw new FlowCompileException(missing, "Edge " + edge.id() + " points to missing node " + missing + ".");
            }
            if (!source.outputs().contains(edge.sourceHandle())) {
                throw new FlowCompileException(source.id(), "Edge " + edge.id() + " leaves node " + describe(source)
                        + " from unknown output port '" + edge.sourceHandle() + "'.");
            }
            if (!target.inputs().contains(edge.targetHandle())) {
                throw new FlowCompileException(target.id(), "Edge " + edge.id() + " enters node " + describe(target)
                        + " on unknown input port '" + edge.targetHandle() + "'.");
            }
            inEdges.computeIfAbsent(edge.target(), k -> new ArrayList<>()).add(edge);
            outEdges.computeIfAbsent(edge.source(), k -> new ArrayList<>()).add(edge);
        }
        List<FlowNode> order = topologicalOrder(nodes, inEdges, outEdges);
        Set<String> reachable = reachable(nodes, outEdges);
        List<FlowNode> kept = order.stream().filter(node -> reachable.contains(node.id())).toList();
        Map<String, List<FlowEdge>> keptIn = new HashMap<>();
        inEdges.forEach((target, list) -> keptIn.put(target, list.stream().filter(e -> reachable.contains(e.source())).toList()));
        return new CompiledFlow(flow.path("id").asText(""), flow.path("name").asText(""), info(flow), kept, Map.copyOf(runners),
                Map.copyOf(keptIn));
    }

    /** Kahn's algorithm; ties broken by the order of the nodes in the JSON. A leftover node means a cycle. */
    private static List<FlowNode> topologicalOrder(List<FlowNode> nodes, Map<String, List<FlowEdge>> inEdges,
                                                   Map<String, List<FlowEdge>> outEdges) throws FlowCompileException {
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            FlowNode node = nodes.get(i);
            position.put(node.id(), i);
            indegree.put(node.id(), inEdges.getOrDefault(node.id(), List.of()).size());
        }
        java.util.PriorityQueue<FlowNode> ready = new java.util.PriorityQueue<>(java.util.Comparator.comparing(n -> position.get(n.id())));
        nodes.stream().filter(node -> indegree.get(node.id()) == 0).forEach(ready::add);
        Map<String, FlowNode> byId = new HashMap<>();
        nodes.forEach(node -> byId.put(node.id(), node));
        List<FlowNode> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            FlowNode node = ready.poll();
            order.add(node);
            for (FlowEdge edge : outEdges.getOrDefault(node.id(), List.of())) {
                if (indegree.merge(edge.target(), -1, Integer::sum) == 0) {
                    ready.add(byId.get(edge.target()));
                }
            }
        }
        if (order.size() < nodes.size()) {
            FlowNode inCycle = nodes.stream().filter(node -> indegree.get(node.id()) > 0).findFirst().orElseThrow();
            throw new FlowCompileException(inCycle.id(), "The flow has a cycle through node " + describe(inCycle) + ".");
        }
        return order;
    }

    private static Set<String> reachable(List<FlowNode> nodes, Map<String, List<FlowEdge>> outEdges) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        nodes.stream().filter(FlowNode::start).forEach(node -> todo.add(node.id()));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) {
                outEdges.getOrDefault(id, List.of()).forEach(edge -> todo.add(edge.target()));
            }
        }
        return seen;
    }

    private static JsonNode info(JsonNode flow) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("id", "name", "description", "type", "tags")) {
            info.set(field, flow.has(field) ? flow.get(field).deepCopy() : JsonNodeFactory.instance.nullNode());
        }
        return info;
    }

    private static String describe(FlowNode node) {
        return "'" + node.name() + "' (" + node.id() + ")";
    }
}

package org.opencdp.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The automatic node layout of {@code POST /flow/draft/nodes/rearrange}: each node goes to the layer of its
 * longest path from a node without inputs (its topological depth); layers are {@value #SPACING} px apart
 * vertically and the nodes of a layer {@value #SPACING} px apart horizontally, centred on x = 0. Nodes caught in a
 * cycle (not a valid flow, but the GUI may send one) go to one layer below all others.
 */
public final class FlowLayout {

    static final int SPACING = 200;

    private FlowLayout() {
    }

    /** A copy of the flow with node positions laid out; everything else is kept. */
    public static ObjectNode rearrange(ObjectNode flow) {
        ObjectNode copy = flow.deepCopy();
        JsonNode graph = copy.get("flowGraph");
        if (graph == null || !graph.path("nodes").isArray()) {
            return copy;
        }
        List<ObjectNode> nodes = new ArrayList<>();
        graph.get("nodes").forEach(node -> {
            if (node.isObject() && node.hasNonNull("id")) {
                nodes.add((ObjectNode) node);
            }
        });
        Map<String, Integer> depth = depths(nodes, graph.path("edges"));
        Map<Integer, List<ObjectNode>> layers = new java.util.TreeMap<>();
        for (ObjectNode node : nodes) {
            layers.computeIfAbsent(depth.get(node.get("id").asText()), d -> new ArrayList<>()).add(node);
        }
        layers.forEach((layer, members) -> {
            for (int i = 0; i < members.size(); i++) {
                ObjectNode position = members.get(i).putObject("position");
                position.put("x", i * SPACING - (members.size() - 1) * SPACING / 2);
                position.put("y", layer * SPACING);
            }
        });
        return copy;
    }

    /** Longest-path depth of each node id (Kahn's algorithm); nodes left in cycles get max depth + 1. */
    static Map<String, Integer> depths(List<ObjectNode> nodes, JsonNode edges) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        Map<String, Integer> incoming = new HashMap<>();
        for (ObjectNode node : nodes) {
            next.put(node.get("id").asText(), new ArrayList<>());
            incoming.put(node.get("id").asText(), 0);
        }
        if (edges.isArray()) {
            for (JsonNode edge : edges) {
                String source = edge.path("source").asText(null);
                String target = edge.path("target").asText(null);
                if (next.containsKey(source) && next.containsKey(target) && !source.equals(target)) {
                    next.get(source).add(target);
                    incoming.merge(target, 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        next.keySet().stream().filter(id -> incoming.get(id) == 0).forEach(id -> {
            depth.put(id, 0);
            ready.add(id);
        });
        while (!ready.isEmpty()) {
            String id = ready.poll();
            for (String target : next.get(id)) {
                depth.merge(target, depth.get(id) + 1, Math::max);
                if (incoming.merge(target, -1, Integer::sum) == 0) {
                    ready.add(target);
                }
            }
        }
        int deepest = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (String id : next.keySet()) {
            if (incoming.get(id) > 0) {
                depth.put(id, deepest + 1);
            }
        }
        return depth;
    }
}

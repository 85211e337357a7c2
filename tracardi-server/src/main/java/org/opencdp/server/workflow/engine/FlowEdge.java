package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** An edge from output port {@code sourceHandle} of {@code source} to input port {@code targetHandle} of {@code target}. */
public record FlowEdge(String id, String source, String sourceHandle, String target, String targetHandle, String name) {

    static FlowEdge parse(JsonNode edge) {
        String name = edge.path("data").path("name").asText("");
        return new FlowEdge(edge.path("id").asText(""), edge.path("source").asText(""), edge.path("sourceHandle").asText(""),
                edge.path("target").asText(""), edge.path("targetHandle").asText(""), name);
    }

    /** The key a join node collects this edge's value under. */
    String joinKey() {
        return name == null || name.isBlank() ? id : name;
    }
}

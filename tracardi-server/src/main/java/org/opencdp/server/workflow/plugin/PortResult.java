package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One message a node emits: a value on one of its output ports. */
public record PortResult(String port, JsonNode value) {

    public static List<PortResult> on(String port, JsonNode value) {
        return List.of(new PortResult(port, value));
    }

    public static List<PortResult> none() {
        return List.of();
    }
}

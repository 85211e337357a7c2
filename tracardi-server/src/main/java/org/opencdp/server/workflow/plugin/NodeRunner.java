package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A compiled node: its plugin with a validated configuration. Runs once per incoming message. */
@FunctionalInterface
public interface NodeRunner {

    /**
     * @param port    the input port the message arrived on (null for a start node)
     * @param payload the message value
     * @return the messages to emit, possibly none; a value must be a JSON object
     * @throws Exception any failure; the engine stops the flow or routes it to the error port (workflows §3.3)
     */
    List<PortResult> run(String port, JsonNode payload, NodeContext context) throws Exception;
}

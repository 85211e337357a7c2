package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.opencdp.server.workflow.plugin.NodeRunner;

/**
 * A flow ready to run: reachable nodes in topological order with their runners and in-edges. Immutable and
 * shared by every run of the same flow version.
 *
 * @param info     {@code {id, name, description, type, tags}} for {@code flow@}
 * @param order    reachable nodes, topologically sorted (ties by their order in the JSON)
 * @param runners  runner per node id
 * @param inEdges  edges into each node, in JSON order
 */
public record CompiledFlow(String id, String name, JsonNode info, List<FlowNode> order, Map<String, NodeRunner> runners,
                           Map<String, List<FlowEdge>> inEdges) {

    /** The same flow under its record's id (a graph's own {@code id} may differ from the record it is stored in). */
    public CompiledFlow withId(String recordId) {
        if (recordId == null || recordId.equals(id)) {
            return this;
        }
        com.fasterxml.jackson.databind.node.ObjectNode renamed = info.deepCopy();
        renamed.put("id", recordId);
        return new CompiledFlow(recordId, name, renamed, order, runners, inEdges);
    }
}

package org.opencdp.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.workflow.engine.FlowCompileException;

/**
 * Validates a flow on save (workflow issue, workflows §2 "Compile"): an unknown action, an invalid init, a dangling
 * edge or a cycle answers 422 whose location names the node.
 */
public final class FlowValidator {

    private final WorkflowEngine engine;

    public FlowValidator(WorkflowEngine engine) {
        this.engine = engine;
    }

    public void validate(JsonNode flow) {
        if (flow == null || !flow.isObject()) {
            return; // the resource reports a missing body itself
        }
        try {
            engine.compile(flow);
        } catch (FlowCompileException e) {
            String node = e.nodeId() == null ? "" : e.nodeId();
            throw new InvalidBodyException(List.of(new InvalidBodyException.Problem(
                    node.isEmpty() ? "flowGraph" : "flowGraph.nodes." + node, e.getMessage())));
        }
    }
}

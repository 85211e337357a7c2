package org.opencdp.server.workflow.plugins.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/** Throw error (workflows §8): stops the flow with the configured message, as any node error does (§3.3). */
public final class RaiseErrorAction extends BasePlugin {

    /** The error this action raises; the engine logs its message and stops the flow. */
    public static final class FlowStoppedException extends Exception {
        public FlowStoppedException(String message) {
            super(message);
        }
    }

    public RaiseErrorAction() {
        super(V1 + "raise_error_action", "RaiseErrorAction", "Throw error", "Flow control", List.of("payload"), List.of(),
                "{\"message\": \"Flow stopped due to error.\"}", "Stops the workflow with an error.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String message = Init.text(initOrDefault(init), "message", "Flow stopped due to error.");
        return (port, payload, context) -> {
            throw new FlowStoppedException(message);
        };
    }
}

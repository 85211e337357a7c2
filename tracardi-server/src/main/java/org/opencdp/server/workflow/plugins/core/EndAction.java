package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** End (workflows §7 #4): does nothing. */
public final class EndAction extends BasePlugin {

    public EndAction() {
        super(V1 + "end_action", "EndAction", "End", "Input/Output", List.of("payload"), List.of(), null, "Ends the workflow.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> PortResult.none();
    }
}

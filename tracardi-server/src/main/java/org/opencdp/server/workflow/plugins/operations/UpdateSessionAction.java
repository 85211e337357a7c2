package org.opencdp.server.workflow.plugins.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Update session (workflows §8): the session is saved after the flows even when nothing in it changed. */
public final class UpdateSessionAction extends BasePlugin {

    public UpdateSessionAction() {
        super(V1 + "operations.update_session_action", "UpdateSessionAction", "Update session", "Operations",
                List.of("payload"), List.of(), null, "Saves the session after the workflow.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> {
            if (context.session() == null) {
                context.console().warning("There is no session to update.");
            } else {
                context.requestSessionSave();
            }
            return PortResult.none();
        };
    }
}

package org.opencdp.server.workflow.plugins.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Discard profile update (workflows §8): the profile goes back to how it was before the first flow (§3.4). */
public final class DiscardProfileUpdateAction extends BasePlugin {

    public DiscardProfileUpdateAction() {
        super(V1 + "operations.discard_profile_update_action", "DiscardProfileUpdateAction", "Discard profile update",
                "Operations", List.of("payload"), List.of("payload"), null, "Undoes the workflow's changes to the profile.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("There is no profile to discard changes of.");
            } else {
                context.discardProfileChanges();
            }
            return PortResult.on("payload", payload);
        };
    }
}

package org.opencdp.server.workflow.plugins.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Is it a new profile (workflows §8): {@code true} when this batch created the profile. */
public final class NewProfileAction extends BasePlugin {

    public NewProfileAction() {
        super(V1 + "new_profile_action", "NewProfileAction", "Is it a new profile", "Flow control", List.of("payload"),
                List.of("true", "false"), null, "Tells whether the profile was created by this event.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> PortResult.on(context.newProfile() ? "true" : "false", payload);
    }
}

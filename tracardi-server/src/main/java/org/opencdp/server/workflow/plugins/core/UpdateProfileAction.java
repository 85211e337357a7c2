package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.mapping.Anonymity;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Update profile (workflows §7 #7): stamps the update time, recomputes anonymity and forces the save. */
public final class UpdateProfileAction extends BasePlugin {

    public UpdateProfileAction() {
        super(V1 + "operations.update_profile_action", "UpdateProfileAction", "Update profile", "Operations",
                List.of("payload"), List.of(), null, "Saves the profile after the workflow.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("There is no profile to update.");
                return PortResult.none();
            }
            context.profile().withObject("metadata").withObject("time").put("update", Times.format(context.now()));
            Anonymity.update(ProfileDocument.of(context.profile()));
            context.requestProfileSave();
            return PortResult.none();
        };
    }
}

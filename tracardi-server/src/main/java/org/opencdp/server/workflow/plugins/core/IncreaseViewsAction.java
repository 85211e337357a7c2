package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Increase views (workflows §7 #2): {@code profile.stats.views += 1}. */
public final class IncreaseViewsAction extends BasePlugin {

    public IncreaseViewsAction() {
        super(V1 + "increase_views_action", "IncreaseViewsAction", "Increase views", "Stats", List.of("payload"),
                List.of("payload"), null, "Adds one view to the profile.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("Can not increase views of a profile-less event.");
            } else {
                ObjectNode stats = context.profile().withObject("stats");
                stats.put("views", stats.path("views").asLong(0) + 1);
            }
            return PortResult.on("payload", payload);
        };
    }
}

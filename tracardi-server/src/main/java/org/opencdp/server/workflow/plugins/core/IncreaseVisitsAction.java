package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Increase visits (workflows §7 #3): one visit more, only when this batch started a visit. */
public final class IncreaseVisitsAction extends BasePlugin {

    public IncreaseVisitsAction() {
        super(V1 + "increase_visits_action", "IncreaseVisitsAction", "Increase visits", "Stats", List.of("payload"),
                List.of("payload"), null, "Adds one visit to the profile when a new visit started.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("Can not increase visits of a profile-less event.");
            } else if (context.newVisit()) {
                ObjectNode stats = context.profile().withObject("stats");
                stats.put("visits", stats.path("visits").asLong(0) + 1);
            }
            return PortResult.on("payload", payload);
        };
    }
}

package org.opencdp.server.workflow.plugins.segments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/** Add segment (workflows §8): adds the segment's slug to {@code profile.segments} when absent. */
public final class AddSegmentAction extends BasePlugin {

    public AddSegmentAction() {
        super(V1 + "segmentation.add.plugin", "AddSegmentAction", "Add segment", "Segmentation", List.of("payload"),
                List.of("payload", "error"), "{\"segment\": \"\"}", "Adds the profile to a segment.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String segment = Init.requiredText(initOrDefault(init), "segment");
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("The event has no profile; segment " + segment + " was not added.");
                return PortResult.on("payload", payload);
            }
            String slug;
            try {
                slug = Segments.resolve(segment, context);
            } catch (IllegalArgumentException e) {
                return PortResult.on("error", Init.errorMessage(e.getMessage()));
            }
            Segments.add(context.profile(), slug, context);
            return PortResult.on("payload", payload);
        };
    }
}

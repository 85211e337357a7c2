package org.opencdp.server.workflow.plugins.segments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/** Delete segment (workflows §8): removes the segment's slug from {@code profile.segments}. */
public final class DeleteSegmentAction extends BasePlugin {

    public DeleteSegmentAction() {
        super(V1 + "segmentation.delete.plugin", "DeleteSegmentAction", "Delete segment", "Segmentation",
                List.of("payload"), List.of("payload"), "{\"segment\": \"\"}", "Removes the profile from a segment.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String segment = Init.requiredText(initOrDefault(init), "segment");
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("The event has no profile; segment " + segment + " was not removed.");
            } else {
                Segments.remove(context.profile(), Segments.resolve(segment, context), context);
            }
            return PortResult.on("payload", payload);
        };
    }
}

package org.opencdp.server.workflow.plugins.segments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/** Move segment (workflows §8): removes {@code from_segment} and adds {@code to_segment}. */
public final class MoveSegmentAction extends BasePlugin {

    public MoveSegmentAction() {
        super(V1 + "segmentation.move.plugin", "MoveSegmentAction", "Move segment", "Segmentation", List.of("payload"),
                List.of("payload"), "{\"from_segment\": \"\", \"to_segment\": \"\"}", "Moves the profile from one segment to another.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String from = Init.requiredText(config, "from_segment");
        String to = Init.requiredText(config, "to_segment");
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("The event has no profile; no segment was moved.");
            } else {
                String fromSlug = Segments.resolve(from, context);
                String toSlug = Segments.resolve(to, context);
                Segments.remove(context.profile(), fromSlug, context);
                Segments.add(context.profile(), toSlug, context);
            }
            return PortResult.on("payload", payload);
        };
    }
}

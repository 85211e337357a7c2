package org.opencdp.server.workflow.plugins.segments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/** Has segment (workflows §8): the input on {@code True} when the profile is in the segment, else on {@code False}. */
public final class HasSegmentAction extends BasePlugin {

    public HasSegmentAction() {
        super(V1 + "segmentation.has.plugin", "HasSegmentAction", "Has segment", "Segmentation", List.of("payload"),
                List.of("True", "False"), "{\"segment\": \"\"}", "Tells whether the profile is in a segment.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String segment = Init.requiredText(initOrDefault(init), "segment");
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("The event has no profile; it is in no segment.");
                return PortResult.on("False", payload);
            }
            boolean member = Segments.has(context.profile(), Segments.resolve(segment, context));
            return PortResult.on(member ? "True" : "False", payload);
        };
    }
}

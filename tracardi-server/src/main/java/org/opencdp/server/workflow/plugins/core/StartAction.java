package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Start (workflows §7 #1): marks the event's debug flag and filters by event type. */
public final class StartAction extends BasePlugin {

    public StartAction() {
        super(V1 + "flow.start.start_action", "StartAction", "Start", "Input/Output", List.of(), List.of("payload"),
                "{\"debug\": false, \"event_types\": [], \"properties\": \"{}\", \"event_id\": null, \"profile_id\": null,"
                        + " \"session_id\": null, \"event_type\": {\"id\": \"\", \"name\": \"\"}}",
                "Starts the workflow.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        boolean debug = config.path("debug").asBoolean(false);
        JsonNode types = config.path("event_types");
        if (!types.isMissingNode() && !types.isNull() && !types.isArray()) {
            throw new PluginConfigException("event_types must be a list");
        }
        Set<String> allowed = new HashSet<>();
        types.forEach(type -> allowed.add(type.isObject() ? type.path("id").asText("") : type.asText("")));
        allowed.remove("");
        return (port, payload, context) -> {
            context.event().withObject("metadata").put("debug", debug);
            if (!allowed.isEmpty() && !allowed.contains(context.event().path("type").asText())) {
                return PortResult.none();
            }
            return PortResult.on("payload", JsonNodeFactory.instance.objectNode());
        };
    }
}

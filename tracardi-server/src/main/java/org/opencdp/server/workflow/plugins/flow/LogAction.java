package org.opencdp.server.workflow.plugins.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.template.StringTemplate;

/** Log message (workflows §8): writes the message (a string template) to the console as info, warning or error. */
public final class LogAction extends BasePlugin {

    public LogAction() {
        super(V1 + "log_action", "LogAction", "Log message", "Operations", List.of("payload"), List.of("payload"),
                "{\"type\": \"warning\", \"message\": \"\"}", "Writes a message to the console log.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String type = Init.text(config, "type", "warning").trim().toLowerCase(Locale.ROOT);
        String message = Init.text(config, "message", "");
        if (!List.of("info", "warning", "error").contains(type)) {
            throw new PluginConfigException("type must be info, warning or error, not '" + type + "'");
        }
        return (port, payload, context) -> {
            String text = StringTemplate.render(message, context.dots(), context.console());
            switch (type) {
                case "info" -> context.console().log(text);
                case "error" -> context.console().error(text);
                default -> context.console().warning(text);
            }
            return PortResult.on("payload", payload);
        };
    }
}

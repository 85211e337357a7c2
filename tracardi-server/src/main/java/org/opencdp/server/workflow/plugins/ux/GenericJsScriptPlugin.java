package org.opencdp.server.workflow.plugins.ux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/** Custom JavaScript (workflows §8): appends {@code {"tag": "script", "props": attributes, "content": content}} to {@code ux}. */
public final class GenericJsScriptPlugin extends BasePlugin {

    public GenericJsScriptPlugin() {
        super(V1 + "ux.custom_js.plugin", "GenericJsScriptPlugin", "Custom JavaScript", "UIX Widgets", List.of("payload"),
                List.of("response", "error"), "{\"attributes\": {}, \"content\": \"\"}", "Adds a script to the page.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        JsonNode attributes = config.path("attributes");
        if (attributes.isMissingNode() || attributes.isNull()) {
            attributes = JSON.createObjectNode();
        }
        if (!attributes.isObject()) {
            throw new PluginConfigException("attributes must be an object of attribute names and values");
        }
        String content = Init.text(config, "content", "");
        JsonNode props = attributes;
        return (port, payload, context) -> {
            ObjectNode script = context.ux().addObject().put("tag", "script");
            script.set("props", props.deepCopy());
            script.put("content", content);
            return PortResult.on("response", payload);
        };
    }
}

package org.opencdp.server.workflow.plugins.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.template.ObjectTemplate;

/**
 * Create response (workflows §8): {@code response[key]} = the object template {@code body}; with {@code default}
 * missing references become null. The key is normalised as Tracardi does (lower case, spaces → {@code _}).
 */
public final class CreateResponseAction extends BasePlugin {

    public CreateResponseAction() {
        super(V1 + "internal.add_response.plugin", "CreateResponseAction", "Create response", "Data processing",
                List.of("payload"), List.of("payload"), "{\"key\": \"\", \"body\": \"{}\", \"default\": true}",
                "Adds data to the response of the tracker call.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String key = Init.requiredText(config, "key").trim().replace(' ', '_').toLowerCase(Locale.ROOT);
        JsonNode body = Init.json(config, "body", "{}");
        boolean missingAsNull = Init.bool(config, "default", true);
        if (!body.isObject()) {
            throw new PluginConfigException("body must be a JSON object");
        }
        return (port, payload, context) -> {
            JsonNode rendered = ObjectTemplate.render(body, context.dots(), missingAsNull);
            context.response().set(key, rendered);
            return PortResult.on("payload", rendered.deepCopy());
        };
    }
}

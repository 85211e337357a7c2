package org.opencdp.server.workflow.plugins.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.notation.InvalidReferenceException;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.template.ObjectTemplate;

/**
 * Reshape payload (workflows §8): emits the object template {@code value}. With {@code default} missing
 * references become null; without it a missing reference goes to {@code error}.
 */
public final class ReshapePayloadAction extends BasePlugin {

    public ReshapePayloadAction() {
        super(V1 + "traits.reshape_payload_action", "ReshapePayloadAction", "Reshape payload", "Data processing",
                List.of("payload"), List.of("payload", "error"), "{\"value\": \"{}\", \"default\": true}",
                "Builds a new payload from a template.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        JsonNode template = Init.json(config, "value", "{}");
        boolean missingAsNull = Init.bool(config, "default", true);
        if (!template.isObject()) {
            throw new PluginConfigException("value must be a JSON object");
        }
        return (port, payload, context) -> {
            try {
                return PortResult.on("payload", ObjectTemplate.render(template, context.dots(), missingAsNull));
            } catch (InvalidReferenceException e) {
                return PortResult.on("error", Init.errorMessage(e.getMessage()));
            }
        };
    }
}

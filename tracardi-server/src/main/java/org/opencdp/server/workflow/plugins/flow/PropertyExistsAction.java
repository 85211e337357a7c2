package org.opencdp.server.workflow.plugins.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/** Data exists (workflows §8): {@code true} when the path exists and is not null, {@code ""} or an empty list or object. */
public final class PropertyExistsAction extends BasePlugin {

    public PropertyExistsAction() {
        super(V1 + "flow.property_exists.plugin", "PropertyExistsAction", "Data exists", "Flow control",
                List.of("payload"), List.of("true", "false"), "{\"property\": \"profile@data.contact.email.main\"}",
                "Checks that a value is present.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        DotReference property = Init.reference(initOrDefault(init), "property");
        return (port, payload, context) -> {
            Optional<JsonNode> value = context.dots().read(property);
            boolean present = value.isPresent() && !value.get().isNull()
                    && !(value.get().isTextual() && value.get().textValue().isEmpty())
                    && !(value.get().isContainerNode() && value.get().isEmpty());
            return PortResult.on(present ? "true" : "false", payload);
        };
    }
}

package org.opencdp.server.workflow.plugins.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Inject (workflows §8): the JSON {@code value} is emitted as the payload, or, when {@code destination} is a dot
 * reference, written there (and the input re-emitted).
 */
public final class InjectAction extends BasePlugin {

    public InjectAction() {
        super(V1 + "inject_action", "InjectAction", "Inject", "Input/Output", List.of("payload"), List.of("payload"),
                "{\"value\": \"{}\", \"destination\": \"payload\"}", "Injects a JSON value into the workflow.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        JsonNode value = Init.json(config, "value", "{}");
        String destination = Init.text(config, "destination", "payload").trim();
        Optional<DotReference> target = destination.isEmpty() || destination.equals("payload")
                ? Optional.empty() : DotReference.parse(destination);
        if (target.isEmpty() && !(destination.isEmpty() || destination.equals("payload"))) {
            throw new PluginConfigException("destination must be payload or a dot reference, not '" + destination + "'");
        }
        if (target.isEmpty() && !value.isObject()) {
            throw new PluginConfigException("value must be a JSON object to become the payload");
        }
        if (target.isPresent() && target.get().source().equals("flow")) {
            throw new PluginConfigException("destination: flow@ is read-only");
        }
        return (port, payload, context) -> {
            if (target.isEmpty()) {
                return PortResult.on("payload", value.deepCopy());
            }
            if (target.get().source().equals("profile") && context.profile() == null) {
                context.console().warning("The event has no profile; " + target.get() + " was not written.");
            } else {
                context.dots().write(target.get(), value.deepCopy());
            }
            return PortResult.on("payload", payload);
        };
    }
}

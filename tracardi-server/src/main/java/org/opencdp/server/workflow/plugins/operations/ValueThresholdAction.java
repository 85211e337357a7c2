package org.opencdp.server.workflow.plugins.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PluginMemory;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugin.ValueChange;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Value threshold (workflows §8): {@code pass} when the value differs from the one of the last pass (per node,
 * and per profile when {@code assign_to_profile}), {@code stop} otherwise. The memory lasts {@code ttl} seconds.
 */
public final class ValueThresholdAction extends BasePlugin {

    private final PluginMemory memory;

    public ValueThresholdAction(PluginMemory memory) {
        super(V1 + "operations.threshold.plugin", "ValueThresholdAction", "Value change", "Flow control",
                List.of("payload"), List.of("pass", "stop"),
                "{\"name\": null, \"value\": null, \"ttl\": 1800, \"assign_to_profile\": true}",
                "Stops the workflow when the value did not change.");
        this.memory = memory;
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String value = Init.requiredText(config, "value");
        long ttl = Init.integer(config, "ttl", 1800);
        boolean perProfile = Init.bool(config, "assign_to_profile", true);
        return (port, payload, context) -> {
            if (perProfile && context.profile() == null) {
                context.console().warning("The event has no profile; the value is remembered for all profiles.");
            }
            JsonNode current = context.dots().resolve(TextNode.valueOf(value));
            boolean changed = ValueChange.changed(memory, ValueChange.key(context, perProfile), current, ttl);
            return PortResult.on(changed ? "pass" : "stop", payload);
        };
    }
}

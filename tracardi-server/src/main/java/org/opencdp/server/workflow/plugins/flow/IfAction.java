package org.opencdp.server.workflow.plugins.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.opencdp.server.workflow.plugin.ConditionEvaluator;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PluginMemory;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugin.ValueChange;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * If (workflows §8): routes the input to {@code true} or {@code false} by a condition. With {@code trigger_once}
 * it emits only when the result differs from the previous run for this profile (remembered {@code ttl} seconds).
 */
public final class IfAction extends BasePlugin {

    private final ConditionEvaluator conditions;
    private final PluginMemory memory;

    public IfAction(ConditionEvaluator conditions, PluginMemory memory) {
        super(V1 + "if_action", "IfAction", "If", "Flow control", List.of("payload"), List.of("true", "false"),
                "{\"condition\": \"\", \"trigger_once\": false, \"pass_payload\": true, \"ttl\": 0}",
                "Runs one branch of the workflow when a condition is met, the other when it is not.");
        this.conditions = conditions;
        this.memory = memory;
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String condition = Init.text(config, "condition", "").trim();
        boolean triggerOnce = Init.bool(config, "trigger_once", false);
        boolean passPayload = Init.bool(config, "pass_payload", true);
        long ttl = Init.integer(config, "ttl", 0);
        if (!condition.isEmpty()) {
            try {
                conditions.validate(condition);
            } catch (IllegalArgumentException e) {
                throw new PluginConfigException("condition: " + e.getMessage());
            }
        }
        return (port, payload, context) -> {
            if (condition.isEmpty()) {
                throw new IllegalArgumentException("Condition is not set. Define it in the node configuration.");
            }
            boolean result = conditions.test(condition, context);
            if (triggerOnce && !ValueChange.changed(memory, ValueChange.key(context, true), BooleanNode.valueOf(result), ttl)) {
                return PortResult.none();
            }
            JsonNode value = passPayload ? payload : JsonNodeFactory.instance.objectNode().put("result", result);
            return PortResult.on(result ? "true" : "false", value);
        };
    }
}

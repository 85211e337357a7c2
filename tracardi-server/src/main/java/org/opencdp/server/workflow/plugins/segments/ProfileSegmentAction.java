package org.opencdp.server.workflow.plugins.segments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.workflow.plugin.ConditionEvaluator;
import org.opencdp.server.workflow.plugin.NodeContext;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Conditional segmentation (workflows §8): evaluates the condition and applies the action of the branch taken
 * ({@code add} or {@code remove} its segment; a blank segment does nothing). A condition that fails goes to
 * {@code error}.
 */
public final class ProfileSegmentAction extends BasePlugin {

    private final ConditionEvaluator conditions;

    public ProfileSegmentAction(ConditionEvaluator conditions) {
        super(V1 + "segmentation.conditional.plugin", "ProfileSegmentAction", "Conditional segmentation", "Segmentation",
                List.of("payload"), List.of("true", "false", "error"),
                "{\"condition\": \"\", \"true_segment\": \"\", \"true_action\": \"add\", \"false_segment\": \"\", \"false_action\": \"remove\"}",
                "Adds or removes a segment depending on a condition.");
        this.conditions = conditions;
    }

    private record Branch(String segment, boolean add) {
        void apply(NodeContext context) {
            if (segment.isBlank() || context.profile() == null) {
                return;
            }
            String slug = Segments.resolve(segment, context);
            if (add) {
                Segments.add(context.profile(), slug, context);
            } else {
                Segments.remove(context.profile(), slug, context);
            }
        }
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String condition = Init.requiredText(config, "condition").trim();
        try {
            conditions.validate(condition);
        } catch (IllegalArgumentException e) {
            throw new PluginConfigException("condition: " + e.getMessage());
        }
        Branch whenTrue = branch(config, "true", "add");
        Branch whenFalse = branch(config, "false", "remove");
        return (port, payload, context) -> {
            boolean result;
            try {
                result = conditions.test(condition, context);
            } catch (Exception e) {
                return PortResult.on("error", Init.errorMessage("Condition error: " + e.getMessage()));
            }
            if (context.profile() == null) {
                context.console().warning("The event has no profile; no segment was changed.");
            }
            (result ? whenTrue : whenFalse).apply(context);
            return PortResult.on(result ? "true" : "false", payload);
        };
    }

    private static Branch branch(JsonNode config, String name, String defaultAction) throws PluginConfigException {
        String segment = Init.text(config, name + "_segment", "");
        String action = Init.text(config, name + "_action", defaultAction).trim().toLowerCase(Locale.ROOT);
        if (!action.equals("add") && !action.equals("remove")) {
            throw new PluginConfigException(name + "_action must be add or remove, not '" + action + "'");
        }
        return new Branch(segment, action.equals("add"));
    }
}

package org.opencdp.server.workflow.plugins.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.plugins.Numbers;

/**
 * Calculator (workflows §8): one {@code <ref or name> = <expression>} per line. References are written, names
 * are kept for later lines. Emits {@code {"<target>": value, …, "result": <value of the last line>}}.
 */
public final class CalculatorAction extends BasePlugin {

    public CalculatorAction() {
        super(V1 + "calculator_action", "CalculatorAction", "Calculator", "Data processing", List.of("payload"),
                List.of("payload"), "{\"calc_dsl\": \"profile@stats.counters.x = profile@stats.counters.x + 1\"}",
                "Adds, subtracts, multiplies and divides values.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String dsl = Init.requiredText(initOrDefault(init), "calc_dsl");
        List<Calculation> lines = new ArrayList<>();
        for (String line : dsl.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(Calculation.parse(line.trim()));
            } catch (IllegalArgumentException e) {
                throw new PluginConfigException("calc_dsl: " + e.getMessage());
            }
        }
        return (port, payload, context) -> {
            DotAccessor dots = context.dots();
            Map<String, Double> variables = new HashMap<>();
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            double last = 0;
            for (Calculation line : lines) {
                last = line.evaluate(dots, variables);
                String target = line.target();
                if (target == null) {
                    continue;
                }
                out.set(target, Numbers.toJson(last));
                DotReference reference = target.contains("@") ? DotReference.parse(target).orElseThrow() : null;
                if (reference == null) {
                    variables.put(target, last);
                } else if (reference.source().equals("profile") && context.profile() == null) {
                    context.console().warning("The event has no profile; " + reference + " was not written.");
                } else {
                    dots.write(reference, Numbers.toJson(last));
                }
            }
            out.set("result", Numbers.toJson(last));
            return PortResult.on("payload", out);
        };
    }
}

package org.opencdp.server.workflow.plugins.counters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.plugins.Numbers;

/**
 * Increment and Decrement counter (workflows §8): a missing field counts as 0; a field that holds something
 * other than a number goes to {@code error}.
 */
abstract class CounterAction extends BasePlugin {

    private final String amountField;
    private final int sign;

    CounterAction(String module, String className, String name, String amountField, int sign) {
        super(V1 + module, className, name, "Stats", List.of("payload"), List.of("payload", "error"),
                "{\"field\": \"profile@stats.counters.x\", \"" + amountField + "\": 1}", name + " of a number field.");
        this.amountField = amountField;
        this.sign = sign;
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        DotReference field = Init.reference(config, "field");
        double amount = Init.number(config, amountField, 1);
        if (field.source().equals("flow")) {
            throw new PluginConfigException("field: flow@ is read-only");
        }
        return (port, payload, context) -> {
            if (field.source().equals("profile") && context.profile() == null) {
                context.console().warning("The event has no profile; " + field + " was not changed.");
                return PortResult.on("payload", payload);
            }
            DotAccessor dots = context.dots();
            Optional<JsonNode> current = dots.read(field);
            double value = 0;
            if (current.isPresent() && !current.get().isNull()) {
                OptionalDouble number = current.get().isNumber() ? OptionalDouble.of(current.get().doubleValue()) : OptionalDouble.empty();
                if (number.isEmpty()) {
                    return PortResult.on("error", Init.errorMessage("Field " + field + " is not a number: " + current.get()));
                }
                value = number.getAsDouble();
            }
            dots.write(field, Numbers.toJson(value + sign * amount));
            return PortResult.on("payload", payload);
        };
    }
}

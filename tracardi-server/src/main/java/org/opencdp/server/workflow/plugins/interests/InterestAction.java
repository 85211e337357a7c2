package org.opencdp.server.workflow.plugins.interests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.plugins.Numbers;

/**
 * The interest actions (workflows §8): {@code interest} is a name, a reference to a name or to a list of names;
 * {@code value} a number or a reference to one. Names must match {@code [A-Za-z0-9_-]+}; a bad name or value goes
 * to {@code error}.
 */
abstract class InterestAction extends BasePlugin {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    InterestAction(String module, String className, String name, String description) {
        super(V1 + module, className, name, "Interests", List.of("payload"), List.of("payload", "error"),
                "{\"interest\": \"\", \"value\": \"1.0\"}", description);
    }

    /** The new value of one interest, given its current value (null when absent); null leaves it as it is. */
    abstract Double apply(Double current, double value);

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String interest = Init.requiredText(config, "interest");
        String value = Init.text(config, "value", "1.0");
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("The event has no profile; interests were not changed.");
                return PortResult.on("payload", payload);
            }
            DotAccessor dots = context.dots();
            OptionalDouble amount = Numbers.of(dots.resolve(TextNode.valueOf(value)));
            if (amount.isEmpty()) {
                return PortResult.on("error", Init.errorMessage("Interest value '" + value + "' is not a number."));
            }
            JsonNode names = dots.resolve(TextNode.valueOf(interest));
            List<String> list = new ArrayList<>();
            if (names.isArray()) {
                names.forEach(name -> list.add(name.asText()));
            } else {
                list.add(names.asText());
            }
            for (String name : list) {
                if (!NAME.matcher(name).matches()) {
                    return PortResult.on("error", Init.errorMessage("Interest name '" + name
                            + "' may only hold letters, digits, '_' and '-'."));
                }
            }
            ObjectNode interests = context.profile().withObject("interests");
            for (String name : list) {
                JsonNode existing = interests.get(name);
                Double current = existing == null || existing.isNull() ? null : Numbers.of(existing).orElse(0);
                Double updated = apply(current, amount.getAsDouble());
                if (updated != null) {
                    interests.set(name, Numbers.toJson(updated));
                }
            }
            return PortResult.on("payload", payload);
        };
    }
}

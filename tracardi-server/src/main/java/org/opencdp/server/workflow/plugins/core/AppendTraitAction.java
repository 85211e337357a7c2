package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.InvalidReferenceException;
import org.opencdp.server.workflow.plugin.NodeContext;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/**
 * Append/Remove data (workflows §7 #6): appends values to a list (turning a scalar into a list first) and
 * removes values from a list, without duplicates.
 */
public final class AppendTraitAction extends BasePlugin {

    public AppendTraitAction() {
        super(V1 + "traits.append_trait_action", "AppendTraitAction", "Append/Remove data", "Data processing",
                List.of("payload"), List.of("payload", "error"), "{\"append\": {}, \"remove\": {}}",
                "Adds values to or removes values from lists.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        TraitPairs append = TraitPairs.parse(config.get("append"), "append");
        TraitPairs remove = TraitPairs.parse(config.get("remove"), "remove");
        if (append.pairs().isEmpty() && remove.pairs().isEmpty()) {
            throw new PluginConfigException("give at least one pair in append or remove");
        }
        return (port, payload, context) -> {
            if (context.profile() != null && !context.profile().path("traits").isObject()) {
                throw new IllegalStateException("Profile traits are not an object.");
            }
            DotAccessor dots = context.dots();
            boolean discarded = false;
            for (TraitPairs.Pair pair : append.pairs()) {
                if (skipProfileLess(pair, context)) {
                    discarded = true;
                    continue;
                }
                JsonNode value = dots.resolve(pair.source());
                Optional<JsonNode> current = dots.read(pair.target());
                if (current.isEmpty() || current.get().isNull()) {
                    dots.write(pair.target(), value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
                    continue;
                }
                ArrayNode list;
                if (current.get().isArray()) {
                    list = (ArrayNode) current.get();
                } else {
                    list = JsonNodeFactory.instance.arrayNode().add(current.get().deepCopy());
                    dots.write(pair.target(), list);
                }
                if (value != null && value.isArray()) {
                    value.forEach(element -> addIfAbsent(list, element));
                } else if (value != null) {
                    addIfAbsent(list, value);
                }
            }
            for (TraitPairs.Pair pair : remove.pairs()) {
                if (skipProfileLess(pair, context)) {
                    discarded = true;
                    continue;
                }
                Optional<JsonNode> current = dots.read(pair.target());
                if (current.isEmpty()) {
                    continue;
                }
                if (!current.get().isArray()) {
                    throw new InvalidReferenceException("Can not remove from " + pair.target() + ": it is not a list.");
                }
                JsonNode value = dots.resolve(pair.source());
                ArrayNode list = (ArrayNode) current.get();
                List<JsonNode> removed = value != null && value.isArray() ? toList(value) : List.of(value);
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (removed.contains(list.get(i))) {
                        list.remove(i);
                    }
                }
            }
            if (discarded) {
                context.console().warning("The event has no profile; profile writes were discarded.");
            }
            return PortResult.on("payload", payload);
        };
    }

    private static boolean skipProfileLess(TraitPairs.Pair pair, NodeContext context) {
        return pair.target().source().equals("profile") && context.profile() == null;
    }

    private static void addIfAbsent(ArrayNode list, JsonNode value) {
        for (JsonNode existing : list) {
            if (existing.equals(value)) {
                return;
            }
        }
        list.add(value.deepCopy());
    }

    private static List<JsonNode> toList(JsonNode array) {
        java.util.ArrayList<JsonNode> values = new java.util.ArrayList<>();
        array.forEach(values::add);
        return values;
    }
}

package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.PluginConfigException;

/** A validated {@code {"<target ref>": "<source>"}} object of the trait actions, in its JSON order. */
record TraitPairs(List<Pair> pairs) {

    record Pair(DotReference target, JsonNode source) {
    }

    static TraitPairs parse(JsonNode object, String field) throws PluginConfigException {
        if (object == null || object.isNull() || object.isMissingNode()) {
            return new TraitPairs(List.of());
        }
        if (!object.isObject()) {
            throw new PluginConfigException(field + " must be an object of target: source pairs");
        }
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
            DotReference target = DotReference.parse(entry.getKey()).orElseThrow(() ->
                    new PluginConfigException(field + ": target '" + entry.getKey() + "' is not a dot reference such as profile@traits.x"));
            pairs.add(new Pair(target, entry.getValue()));
        }
        return new TraitPairs(List.copyOf(pairs));
    }
}

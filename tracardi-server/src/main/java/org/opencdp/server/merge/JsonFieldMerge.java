package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The general field strategy of a merge (processing §10.4), applied to every part of a profile without a
 * strategy of its own: objects merge key by key, lists are unioned (the survivor's order first, no duplicates,
 * and a list stays a list even with one element), scalars take the latest value. A null or missing value never
 * overrides a present one; when the values have different types the latest value wins whole.
 */
final class JsonFieldMerge {

    private final ChangeTimes times;

    JsonFieldMerge(ChangeTimes times) {
        this.times = times;
    }

    /**
     * Merges the participants' values at {@code path} (one per participant, survivor first; null when the
     * participant lacks it). Returns null when no participant has the path; never returns one of the inputs.
     */
    JsonNode merge(String path, List<JsonNode> values) {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (isPresent(values.get(i))) {
                present.add(i);
            }
        }
        if (present.isEmpty()) {
            JsonNode survivors = values.isEmpty() ? null : values.get(0);
            if (survivors != null) {
                return survivors.deepCopy();
            }
            return values.stream().anyMatch(v -> v != null) ? JsonNodeFactory.instance.nullNode() : null;
        }
        if (present.stream().allMatch(i -> values.get(i).isObject())) {
            return mergeObjects(path, values, present);
        }
        if (present.stream().allMatch(i -> values.get(i).isArray())) {
            return union(present.stream().map(values::get).toList());
        }
        for (int position : times.latestFirst(path)) {
            if (isPresent(values.get(position))) {
                return values.get(position).deepCopy();
            }
        }
        throw new IllegalStateException("a present value disappeared at " + path);
    }

    private ObjectNode mergeObjects(String path, List<JsonNode> values, List<Integer> present) {
        Set<String> keys = new LinkedHashSet<>();
        present.forEach(i -> values.get(i).fieldNames().forEachRemaining(keys::add));
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (String key : keys) {
            List<JsonNode> children = new ArrayList<>(values.size());
            for (JsonNode value : values) {
                children.add(value != null && value.isObject() ? value.get(key) : null);
            }
            JsonNode child = merge(path.isEmpty() ? key : path + "." + key, children);
            if (child != null) {
                merged.set(key, child);
            }
        }
        return merged;
    }

    /** The union of lists: elements in order of first appearance, the first list's first; no duplicates. */
    static ArrayNode union(List<JsonNode> lists) {
        ArrayNode union = JsonNodeFactory.instance.arrayNode();
        Set<JsonNode> seen = new LinkedHashSet<>();
        for (JsonNode list : lists) {
            if (list == null || !list.isArray()) {
                continue;
            }
            for (JsonNode element : list) {
                if (seen.add(element)) {
                    union.add(element.deepCopy());
                }
            }
        }
        return union;
    }

    static boolean isPresent(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }
}

package org.opencdp.server.workflow.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.OptionalDouble;

/** Number helpers of the counting actions: read a JSON value as a number, write whole results as integers. */
public final class Numbers {

    private Numbers() {
    }

    /** The value as a number: JSON numbers and numeric strings; empty for anything else. */
    public static OptionalDouble of(JsonNode value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value.isNumber()) {
            return OptionalDouble.of(value.doubleValue());
        }
        if (value.isTextual()) {
            try {
                return OptionalDouble.of(Double.parseDouble(value.textValue().trim()));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** A whole number as an integer node (so counters stay {@code 3}, not {@code 3.0}), otherwise a decimal. */
    public static JsonNode toJson(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return JsonNodeFactory.instance.numberNode((long) value);
        }
        return JsonNodeFactory.instance.numberNode(value);
    }
}

package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;

/** Equality and ordering of evaluated values (workflows §9.2). */
final class Comparisons {

    private Comparisons() {
    }

    /**
     * Whether two present values are equal: numbers by value ({@code 12 == 12.0}), strings case-sensitively,
     * datetimes as instants, lists and objects element by element. Different kinds are never equal, and a missing
     * value equals nothing.
     */
    static boolean equal(Value left, Value right) {
        if (left instanceof Value.Json a && right instanceof Value.Json b) {
            return equalJson(a.node(), b.node());
        }
        if (left instanceof Value.DateTime a && right instanceof Value.DateTime b) {
            return a.instant().equals(b.instant());
        }
        if (left instanceof Value.Span a && right instanceof Value.Span b) {
            return a.duration().equals(b.duration());
        }
        return false;
    }

    static boolean equalJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equalJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !equalJson(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The order of two present, non-null values of one comparable kind (numbers, strings, datetimes, durations);
     * empty when they cannot be ordered.
     */
    static OptionalInt order(Value left, Value right) {
        if (left instanceof Value.Json a && right instanceof Value.Json b) {
            if (a.node().isNumber() && b.node().isNumber()) {
                return OptionalInt.of(Integer.signum(a.node().decimalValue().compareTo(b.node().decimalValue())));
            }
            if (a.node().isTextual() && b.node().isTextual()) {
                return OptionalInt.of(Integer.signum(a.node().textValue().compareTo(b.node().textValue())));
            }
            return OptionalInt.empty();
        }
        if (left instanceof Value.DateTime a && right instanceof Value.DateTime b) {
            return OptionalInt.of(Integer.signum(a.instant().compareTo(b.instant())));
        }
        if (left instanceof Value.Span a && right instanceof Value.Span b) {
            return OptionalInt.of(Integer.signum(a.duration().compareTo(b.duration())));
        }
        return OptionalInt.empty();
    }
}

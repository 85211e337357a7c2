package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Arithmetic of counters in merges and reverts (processing §10.4, §10.6): sums stay whole numbers while every
 * part is one, and a difference never goes below zero. Non-numbers count as zero.
 */
final class Counters {

    /** Counters of a profile that merges add up, as JSON pointers (the object-valued ones are summed per key). */
    static final List<String> SUMMED = List.of("/stats/visits", "/stats/views", "/metadata/time/visit/count",
            "/data/metrics/ltcosc", "/data/metrics/ltcocc", "/data/metrics/ltcosv", "/data/metrics/ltcocv",
            "/data/metrics/ltv");

    /** Objects whose every numeric member is a counter. */
    static final List<String> SUMMED_OBJECTS = List.of("/stats/counters", "/interests");

    private Counters() {
    }

    static JsonNode sum(List<JsonNode> values) {
        long whole = 0;
        double fractional = 0;
        boolean integral = true;
        for (JsonNode value : values) {
            if (value == null || !value.isNumber()) {
                continue;
            }
            if (integral && value.isIntegralNumber() && value.canConvertToLong()) {
                try {
                    whole = Math.addExact(whole, value.longValue());
                    continue;
                } catch (ArithmeticException overflow) {
                    integral = false;
                }
            }
            integral = false;
            fractional += value.doubleValue();
        }
        return integral ? whole(whole)
                : JsonNodeFactory.instance.numberNode(whole + fractional);
    }

    /** {@code current − sum(parts)}, at least zero; whole when every input is. */
    static JsonNode minus(JsonNode current, List<JsonNode> parts) {
        JsonNode taken = sum(parts);
        boolean hasCurrent = current != null && current.isNumber();
        if ((!hasCurrent || current.isIntegralNumber()) && taken.isIntegralNumber()) {
            long base = hasCurrent ? current.longValue() : 0;
            return whole(Math.max(0, base - taken.longValue()));
        }
        double base = hasCurrent ? current.doubleValue() : 0;
        return JsonNodeFactory.instance.numberNode(Math.max(0.0, base - taken.doubleValue()));
    }

    /** Per-key sums of the numeric members of objects; non-numeric members are left to the caller. */
    static ObjectNode sumObjects(List<JsonNode> objects) {
        Set<String> keys = new LinkedHashSet<>();
        objects.forEach(object -> {
            if (object != null && object.isObject()) {
                object.fieldNames().forEachRemaining(keys::add);
            }
        });
        ObjectNode sums = JsonNodeFactory.instance.objectNode();
        for (String key : keys) {
            List<JsonNode> values = objects.stream().map(o -> o == null ? null : o.get(key)).toList();
            if (values.stream().anyMatch(v -> v != null && v.isNumber())) {
                sums.set(key, sum(values));
            }
        }
        return sums;
    }

    /** A whole number as the smallest JSON node that holds it (as Jackson reads stored documents back). */
    private static JsonNode whole(long value) {
        return value == (int) value ? JsonNodeFactory.instance.numberNode((int) value)
                : JsonNodeFactory.instance.numberNode(value);
    }

    /** The checkout completion ratio {@code ltcop} = completed / started (0 when nothing was started). */
    static double completionRatio(JsonNode metrics) {
        double started = metrics.path("ltcosc").asDouble(0);
        double completed = metrics.path("ltcocc").asDouble(0);
        return started > 0 ? completed / started : 0.0;
    }
}

package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.common.time.Times;

/**
 * Coerces a value to the type of the field it is written to (processing §7.4): a string becomes a number or a
 * datetime when it parses, a scalar written into a list field becomes a one-element list, a number written into a
 * string field becomes its decimal text. A value that cannot be coerced is refused with a reason, never an
 * exception. Objects are coerced child by child: a child that does not fit is dropped (and reported), the rest
 * is kept.
 */
public final class FieldCoercion {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The outcome: the value to store, or why there is none. */
    public record Result(JsonNode value, String reason) {
        static Result ok(JsonNode value) {
            return new Result(value, null);
        }

        static Result refused(String reason) {
            return new Result(null, reason);
        }

        public boolean ok() {
            return reason == null;
        }
    }

    /** A child of an object value that was dropped, with the reason. */
    public record Dropped(String path, String reason) {
    }

    private FieldCoercion() {
    }

    /**
     * Coerces {@code value} for {@code field}. JSON null (or a missing value) is kept as null. Children of an object
     * that do not fit are left out and added to {@code dropped}.
     */
    public static Result coerce(JsonNode value, FieldSchema.Field field, List<Dropped> dropped) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Result.ok(NODES.nullNode());
        }
        return switch (field.kind()) {
            case UNKNOWN -> Result.refused("no such field");
            case ANY -> Result.ok(value.deepCopy());
            case OBJECT -> object(value, field, dropped);
            case STRING -> strings(value, field.cardinality());
            case DOUBLE -> number(value).map(n -> Result.ok(NODES.numberNode(n.doubleValue())))
                    .orElseGet(() -> Result.refused("not a number: " + describe(value)));
            case LONG -> integral(value);
            case DATE -> Times.parse(value).map(instant -> Result.ok(Times.toJson(instant)))
                    .orElseGet(() -> Result.refused("not a datetime: " + describe(value)));
            case BOOLEAN -> bool(value);
            case GEO_POINT -> geoPoint(value);
        };
    }

    /** A string as stored in a string field: text kept, numbers and booleans as text, anything else refused. */
    public static Optional<String> text(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return Double.isFinite(number) ? Optional.of(value.decimalValue().toPlainString()) : Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(Boolean.toString(value.booleanValue()));
        }
        return Optional.empty();
    }

    /** A number, or a string that parses as one; never NaN or infinite. */
    public static Optional<BigDecimal> number(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                return Optional.empty();
            }
            return Optional.of(value.decimalValue());
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (text.isEmpty() || text.length() > 64) {
                return Optional.empty();
            }
            try {
                return Optional.of(new BigDecimal(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A short description of a refused value for warnings. */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static Result strings(JsonNode value, FieldSchema.Cardinality cardinality) {
        if (value.isArray()) {
            if (cardinality == FieldSchema.Cardinality.SCALAR) {
                return Result.refused("a list where one value is expected");
            }
            ArrayNode list = NODES.arrayNode();
            for (JsonNode element : value) {
                if (element.isNull()) {
                    continue;
                }
                Optional<String> text = text(element);
                if (text.isEmpty()) {
                    return Result.refused("list element is not a string: " + describe(element));
                }
                list.add(text.get());
            }
            return Result.ok(list);
        }
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return Result.refused("not a string: " + describe(value));
        }
        if (cardinality == FieldSchema.Cardinality.LIST) {
            return Result.ok(NODES.arrayNode().add(text.get()));
        }
        return Result.ok(NODES.textNode(text.get()));
    }

    private static Result integral(JsonNode value) {
        Optional<BigDecimal> number = number(value);
        if (number.isEmpty()) {
            return Result.refused("not a number: " + describe(value));
        }
        try {
            return Result.ok(NODES.numberNode(number.get().longValueExact()));
        } catch (ArithmeticException e) {
            // 2.0 is an integer; 2.5 and numbers beyond the long range are not.
            try {
                return Result.ok(NODES.numberNode(number.get().stripTrailingZeros().longValueExact()));
            } catch (ArithmeticException notIntegral) {
                return Result.refused("not an integer: " + describe(value));
            }
        }
    }

    private static Result bool(JsonNode value) {
        if (value.isBoolean()) {
            return Result.ok(value);
        }
        if (value.isTextual()) {
            String text = value.textValue().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Result.ok(NODES.booleanNode(text.equals("true")));
            }
        }
        return Result.refused("not a boolean: " + describe(value));
    }

    private static Result geoPoint(JsonNode value) {
        if (value.isArray() && value.size() == 2 && value.get(0).isNumber() && value.get(1).isNumber()) {
            double lon = value.get(0).doubleValue();
            double lat = value.get(1).doubleValue();
            if (inRange(lat, lon)) {
                return Result.ok(NODES.arrayNode().add(lon).add(lat));
            }
        } else if (value.isObject() && value.path("lat").isNumber() && value.path("lon").isNumber()) {
            double lat = value.get("lat").doubleValue();
            double lon = value.get("lon").doubleValue();
            if (inRange(lat, lon)) {
                return Result.ok(NODES.objectNode().put("lat", lat).put("lon", lon));
            }
        }
        return Result.refused("not a geo point ([lon, lat]): " + describe(value));
    }

    private static boolean inRange(double lat, double lon) {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }

    private static Result object(JsonNode value, FieldSchema.Field field, List<Dropped> dropped) {
        if (!value.isObject()) {
            return Result.refused("not an object: " + describe(value));
        }
        ObjectNode result = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> children = value.fields();
        while (children.hasNext()) {
            Map.Entry<String, JsonNode> child = children.next();
            FieldSchema.Field childField = field.child(child.getKey());
            Result coerced = coerce(child.getValue(), childField, dropped);
            if (coerced.ok()) {
                result.set(child.getKey(), coerced.value());
            } else {
                dropped.add(new Dropped(childField.path(), coerced.reason()));
            }
        }
        return Result.ok(result);
    }
}

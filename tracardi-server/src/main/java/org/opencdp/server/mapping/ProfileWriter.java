package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileDocument;

/**
 * Writes mapped values into a profile through the change monitor (processing §7.3, §7.4): every value is coerced
 * to its field's type, a value equal to the current one is not a change, and each change is recorded in
 * {@code metadata.fields[path] = [now, event_id]}. Nothing here throws for what an event contains: a write that
 * cannot be made adds the warning {@code "Mapping <source> → <target> skipped: <reason>"} and changes nothing.
 */
public final class ProfileWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ProfileDocument profile;
    private final FieldSchema schema;
    private final String eventId;
    private final Instant now;
    private final List<String> warnings;
    private final List<String> changedPaths = new ArrayList<>();

    public ProfileWriter(ProfileDocument profile, FieldSchema schema, String eventId, Instant now, List<String> warnings) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.eventId = eventId;
        this.now = Objects.requireNonNull(now, "now");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** The warning text for a skipped write (processing §7.4). */
    public static String skipped(String source, String target, String reason) {
        return "Mapping " + source + " → " + target + " skipped: " + reason;
    }

    public ProfileDocument profile() {
        return profile;
    }

    /** The paths changed through this writer, in order (a path changed twice is listed twice). */
    public List<String> changedPaths() {
        return List.copyOf(changedPaths);
    }

    /** The current value at a path, if any (an explicit null is present). */
    public Optional<JsonNode> current(String path) {
        return DotPath.get(profile.json(), path);
    }

    /** {@code equals}: sets the value (null is not written; callers skip it before). */
    public boolean set(String target, JsonNode value, String source) {
        FieldSchema.Field field = writable(target, source);
        if (field == null) {
            return false;
        }
        List<FieldCoercion.Dropped> dropped = new ArrayList<>();
        FieldCoercion.Result coerced = FieldCoercion.coerce(value, field, dropped);
        for (FieldCoercion.Dropped drop : dropped) {
            warnings.add(skipped(source, drop.path(), drop.reason()));
        }
        if (!coerced.ok()) {
            warnings.add(skipped(source, target, coerced.reason()));
            return false;
        }
        return write(target, coerced.value(), source);
    }

    /** {@code equals_if_not_exists}: sets the value only when the field is missing, null, blank or empty (D38). */
    public boolean setIfEmpty(String target, JsonNode value, String source) {
        if (!DotPath.isEmptyAt(profile.json(), target)) {
            return false;
        }
        return set(target, value, source);
    }

    /**
     * {@code append}: list union. A missing or null field starts empty, a scalar becomes a one-element list; a list
     * value is added element by element; values present already are not added again.
     */
    public boolean append(String target, JsonNode value, String source) {
        FieldSchema.Field field = writable(target, source);
        if (field == null) {
            return false;
        }
        if (!field.acceptsList()) {
            warnings.add(skipped(source, target, "not a list field"));
            return false;
        }
        if (value == null || value.isNull() || value.isObject()) {
            warnings.add(skipped(source, target, value == null || value.isNull() ? "no value" : "an object can not be appended"));
            return false;
        }
        JsonNode current = current(target).orElse(null);
        ArrayNode list = NODES.arrayNode();
        if (current != null && current.isArray()) {
            list.addAll((ArrayNode) current.deepCopy());
        } else if (current != null && current.isObject()) {
            warnings.add(skipped(source, target, "the field holds an object"));
            return false;
        } else if (current != null && !current.isNull()) {
            list.add(current.deepCopy());
        }
        List<JsonNode> additions = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(additions::add);
        } else {
            additions.add(value);
        }
        boolean added = false;
        for (JsonNode addition : additions) {
            if (addition.isNull()) {
                continue;
            }
            JsonNode element = addition;
            if (field.kind() == FieldSchema.Kind.STRING) {
                Optional<String> text = FieldCoercion.text(addition);
                if (text.isEmpty()) {
                    warnings.add(skipped(source, target, "not a string: " + FieldCoercion.describe(addition)));
                    continue;
                }
                element = NODES.textNode(text.get());
            }
            if (!contains(list, element)) {
                list.add(element.deepCopy());
                added = true;
            }
        }
        if (!added && current != null && current.isArray()) {
            return false;
        }
        return write(target, list, source);
    }

    /** {@code delete}: sets null, or an empty list for list fields. */
    public boolean delete(String target, String source) {
        FieldSchema.Field field = writable(target, source);
        if (field == null) {
            return false;
        }
        JsonNode empty = field.cardinality() == FieldSchema.Cardinality.LIST ? NODES.arrayNode() : NODES.nullNode();
        if (!DotPath.exists(profile.json(), target) && empty.isNull()) {
            return false;
        }
        return write(target, empty, source);
    }

    /**
     * {@code +}, {@code -}, {@code increment}, {@code decrement}: adds a number to a numeric field; a missing or
     * null field counts as 0.
     */
    public boolean add(String target, BigDecimal delta, String source) {
        FieldSchema.Field field = writable(target, source);
        if (field == null) {
            return false;
        }
        if (field.kind() != FieldSchema.Kind.DOUBLE && field.kind() != FieldSchema.Kind.LONG
                && field.kind() != FieldSchema.Kind.ANY) {
            warnings.add(skipped(source, target, "not a numeric field"));
            return false;
        }
        JsonNode current = current(target).orElse(null);
        BigDecimal base;
        if (current == null || current.isNull()) {
            base = BigDecimal.ZERO;
        } else if (current.isNumber()) {
            base = current.decimalValue();
        } else {
            warnings.add(skipped(source, target, "the current value is not a number: " + FieldCoercion.describe(current)));
            return false;
        }
        BigDecimal sum = base.add(delta);
        JsonNode value;
        if (field.kind() == FieldSchema.Kind.DOUBLE) {
            value = NODES.numberNode(sum.doubleValue());
        } else if (isIntegral(sum) && (field.kind() == FieldSchema.Kind.LONG
                || (isIntegralNode(current) && delta.stripTrailingZeros().scale() <= 0))) {
            try {
                value = NODES.numberNode(sum.stripTrailingZeros().longValueExact());
            } catch (ArithmeticException overflow) {
                warnings.add(skipped(source, target, "the result is out of range"));
                return false;
            }
        } else if (field.kind() == FieldSchema.Kind.LONG) {
            warnings.add(skipped(source, target, "not an integer: " + delta.toPlainString()));
            return false;
        } else {
            value = NODES.numberNode(sum.doubleValue());
        }
        return write(target, value, source);
    }

    /** Writes an already-typed value: a change only when it differs from the current one. */
    private boolean write(String target, JsonNode value, String source) {
        JsonNode current = current(target).orElse(null);
        if (current != null && sameValue(current, value)) {
            return false;
        }
        if (!DotPath.set(profile.json(), target, value)) {
            warnings.add(skipped(source, target, "a value that is not an object is in the way"));
            return false;
        }
        if (target.equals("ids") || target.startsWith("ids.")) {
            // A profile is always found by its own id.
            profile.addId(profile.id());
        }
        record(target);
        return true;
    }

    private void record(String target) {
        changedPaths.add(target);
        ObjectNode metadata = object(profile.json(), "metadata");
        ObjectNode fields = object(metadata, "fields");
        ArrayNode entry = fields.putArray(target);
        entry.add(Times.format(now));
        if (eventId == null) {
            entry.addNull();
        } else {
            entry.add(eventId);
        }
    }

    /** The field, or null (with a warning) when the profile has no such field. */
    private FieldSchema.Field writable(String target, String source) {
        FieldSchema.Field field = schema.field(target);
        if (field.kind() == FieldSchema.Kind.UNKNOWN) {
            warnings.add(skipped(source, target, "no such profile field"));
            return null;
        }
        return field;
    }

    /** JSON equality where numbers compare by value (a stored 0 equals a computed 0.0). */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1;
            }
            return x.equals(y) ? 0 : 1;
        }, b);
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (sameValue(element, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIntegral(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isIntegralNode(JsonNode node) {
        return node == null || node.isNull() || node.isIntegralNumber();
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode node = parent.get(key);
        return node != null && node.isObject() ? (ObjectNode) node : parent.putObject(key);
    }
}

package org.opencdp.server.workflow.notation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.profile.ProfileShape;

/**
 * Reads and writes dot references over the objects of a flow run (workflows §5). Reading a string that is
 * not a reference yields the literal, with backtick casts ({@code `12`} → 12).
 */
public final class DotAccessor {

    private final Map<String, JsonNode> roots;

    /** @param roots the objects by source name; a missing or null root means "absent" (e.g. profile-less) */
    public DotAccessor(Map<String, JsonNode> roots) {
        this.roots = roots;
    }

    /** The value at the reference, or empty when the path (or the whole source) is missing. */
    public Optional<JsonNode> read(DotReference reference) {
        JsonNode node = roots.get(reference.source());
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        for (String segment : reference.segments()) {
            node = child(node, segment);
            if (node == null || node.isMissingNode()) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /**
     * The value a configuration string stands for: the referenced value for a reference (missing → error),
     * otherwise the literal with backtick casts. Non-text values are returned as they are.
     */
    public JsonNode resolve(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return value;
        }
        String text = value.asText();
        Optional<DotReference> reference = DotReference.parse(text);
        if (reference.isPresent()) {
            return read(reference.get()).orElseThrow(() -> new InvalidReferenceException(
                    "Invalid data reference `" + text + "`: the value does not exist."));
        }
        return cast(text);
    }

    /** Backtick casts of workflows §5; other strings stay strings. */
    public static JsonNode cast(String text) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (text.length() >= 2 && text.startsWith("`") && text.endsWith("`")) {
            String inner = text.substring(1, text.length() - 1).trim();
            switch (inner.toLowerCase(java.util.Locale.ROOT)) {
                case "true": return factory.booleanNode(true);
                case "false": return factory.booleanNode(false);
                case "null": case "none": return factory.nullNode();
                default:
                    try {
                        return inner.contains(".") ? factory.numberNode(Double.parseDouble(inner)) : factory.numberNode(Long.parseLong(inner));
                    } catch (NumberFormatException notANumber) {
                        return factory.textNode(text);
                    }
            }
        }
        return factory.textNode(text);
    }

    /** Writes the value, creating intermediate objects. {@code flow@} is read-only; profile paths must exist in the schema. */
    public void write(DotReference reference, JsonNode value) {
        if (reference.source().equals("flow")) {
            throw new InvalidReferenceException("flow@ is read-only: cannot write " + reference);
        }
        if (reference.source().equals("profile") && !ProfileShape.writablePath(reference.path())) {
            throw new InvalidReferenceException("Profile schema seems not to have path " + reference.path());
        }
        JsonNode root = roots.get(reference.source());
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidReferenceException("There is no " + reference.source() + " to write " + reference + " to.");
        }
        List<String> segments = reference.segments();
        if (segments.isEmpty()) {
            throw new InvalidReferenceException("Cannot replace the whole " + reference.source());
        }
        JsonNode parent = object;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            JsonNode next = child(parent, segment);
            if (next == null || next.isNull() || next.isMissingNode()) {
                if (!(parent instanceof ObjectNode parentObject)) {
                    throw new InvalidReferenceException("Cannot create " + segment + " inside a list in " + reference);
                }
                next = parentObject.putObject(segment);
            }
            parent = next;
        }
        String last = segments.get(segments.size() - 1);
        if (parent instanceof ObjectNode parentObject) {
            parentObject.set(last, value);
        } else if (parent instanceof ArrayNode array && isIndex(last) && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), value);
        } else {
            throw new InvalidReferenceException("Cannot write " + reference + ": its parent is not an object");
        }
    }

    /** Removes the value; a missing path is ignored. */
    public void delete(DotReference reference) {
        if (reference.source().equals("flow")) {
            throw new InvalidReferenceException("flow@ is read-only: cannot delete " + reference);
        }
        List<String> segments = reference.segments();
        if (segments.isEmpty()) {
            return;
        }
        Optional<JsonNode> parent = read(new DotReference(reference.source(), segments.subList(0, segments.size() - 1)));
        if (parent.isPresent() && parent.get() instanceof ObjectNode object) {
            object.remove(segments.get(segments.size() - 1));
        }
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node.isArray() && isIndex(segment)) {
            return node.get(Integer.parseInt(segment));
        }
        return node.isObject() ? node.get(segment) : null;
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(Character::isDigit);
    }
}

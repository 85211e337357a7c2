package org.opencdp.server.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Reads and writes inside a JSON document by dot path ({@code data.contact.email.main}; spec README §1,
 * workflows §5 without the {@code source@} prefix).
 * <ul>
 *   <li>A path is one or more non-empty segments separated by {@code .}. An empty path or an empty segment
 *       ({@code a..b}, {@code .a}, {@code a.}) is invalid: reads find nothing and writes refuse.</li>
 *   <li>Reads step into objects by key and into lists by a numeric segment ({@code items.0}).</li>
 *   <li>Writes step only through objects. A missing or {@code null} intermediate is replaced by a new object; any
 *       other non-object in the way (a string, a number, a list) makes the write refuse and leave the document
 *       unchanged.</li>
 * </ul>
 * Nothing here throws on odd input; results are {@link Optional#empty()} or {@code false} instead.
 */
public final class DotPath {

    private DotPath() {
    }

    /**
     * The value at {@code path}: empty when the path is invalid or missing. An explicit JSON {@code null} is
     * present, so it is returned as a {@link NullNode}.
     */
    public static Optional<JsonNode> get(JsonNode root, String path) {
        String[] segments = segments(path);
        if (root == null || segments == null) {
            return Optional.empty();
        }
        JsonNode current = root;
        for (String segment : segments) {
            current = child(current, segment);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** The value at {@code path} when it is a string. */
    public static Optional<String> getText(JsonNode root, String path) {
        return get(root, path).filter(JsonNode::isTextual).map(JsonNode::textValue);
    }

    /** Whether {@code path} names a present value (an explicit {@code null} counts as present). */
    public static boolean exists(JsonNode root, String path) {
        return get(root, path).isPresent();
    }

    /**
     * Sets the value at {@code path}, creating intermediate objects. A Java {@code null} value stores a JSON
     * {@code null}. Returns false, changing nothing, when the path is invalid or a non-object stands in the way.
     */
    public static boolean set(ObjectNode root, String path, JsonNode value) {
        String[] segments = segments(path);
        if (root == null || segments == null) {
            return false;
        }
        // First check the whole way, so a refused write leaves no half-created objects behind.
        JsonNode probe = root;
        for (int i = 0; i < segments.length - 1 && probe != null; i++) {
            JsonNode next = probe.get(segments[i]);
            if (next != null && !next.isNull() && !next.isObject()) {
                return false;
            }
            probe = next == null || next.isNull() ? null : next;
        }
        ObjectNode parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode next = parent.get(segments[i]);
            parent = next != null && next.isObject() ? (ObjectNode) next : parent.putObject(segments[i]);
        }
        parent.set(segments[segments.length - 1], value == null ? NullNode.getInstance() : value);
        return true;
    }

    /** Removes the value at {@code path}; returns whether something was removed. Lists are not stepped into. */
    public static boolean remove(ObjectNode root, String path) {
        String[] segments = segments(path);
        if (root == null || segments == null) {
            return false;
        }
        JsonNode parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = parent.get(segments[i]);
            if (parent == null || !parent.isObject()) {
                return false;
            }
        }
        return ((ObjectNode) parent).remove(segments[segments.length - 1]) != null;
    }

    /**
     * Whether a value counts as empty for "set if not exists" mappings (domain-model §12): missing, {@code null},
     * a blank string, an empty list or an empty object. Numbers and booleans (also {@code 0} and {@code false})
     * are values.
     */
    public static boolean isEmptyValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isTextual()) {
            return value.textValue().isBlank();
        }
        if (value.isContainerNode()) {
            return value.isEmpty();
        }
        return false;
    }

    /** Whether the value at {@code path} is missing or empty (see {@link #isEmptyValue(JsonNode)}). */
    public static boolean isEmptyAt(JsonNode root, String path) {
        return isEmptyValue(get(root, path).orElse(null));
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.get(segment);
        }
        if (node.isArray()) {
            int index = index(segment);
            return index >= 0 && index < node.size() ? ((ArrayNode) node).get(index) : null;
        }
        return null;
    }

    private static int index(String segment) {
        if (segment.length() > 9) {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }

    /** The segments of a valid path, or null. */
    private static String[] segments(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        String[] segments = path.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return segments;
    }
}

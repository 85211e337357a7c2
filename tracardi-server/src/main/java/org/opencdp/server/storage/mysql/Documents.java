package org.opencdp.server.storage.mysql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.common.json.DotPath;

/** Small readers of configuration documents kept as JSON (the {@code data} column). */
public final class Documents {

    private Documents() {
    }

    /** The document as an object; a stored {@code data} that is not an object is a corrupt row. */
    public static ObjectNode asObject(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalStateException("a configuration document must be a JSON object");
    }

    /** The scalar at a dot path as text, or null when it is missing, null or not a scalar. */
    public static String text(JsonNode root, String path) {
        return DotPath.get(root, path).filter(node -> node.isValueNode() && !node.isNull()).map(JsonNode::asText)
                .orElse(null);
    }

    /** The strings of a list at a field; a single string counts as a one-element list, anything else as none. */
    public static List<String> strings(JsonNode root, String field) {
        JsonNode node = root == null ? null : root.get(field);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    out.add(item.asText());
                }
            });
        }
        return out;
    }
}

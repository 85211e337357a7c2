package org.opencdp.server.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Default shapes of stored documents, written as JSON text and copied on use, and the non-destructive filling of
 * documents that lack parts of their shape (imported or older documents): the API always shows every container
 * (domain-model §1, "Empty containers").
 */
public final class JsonShapes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonShapes() {
    }

    /** Parses a shape written in code; a broken shape is a programming error. */
    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("invalid built-in JSON shape", e);
        }
    }

    /**
     * Adds to {@code target} every part of {@code shape} it lacks: a missing key gets a copy of the shape's value,
     * a {@code null} where the shape has an object or a list is replaced by a copy, and objects present on both
     * sides are filled recursively. Values already in {@code target} are never changed otherwise.
     */
    public static void fillMissing(ObjectNode target, ObjectNode shape) {
        Iterator<Map.Entry<String, JsonNode>> fields = shape.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            JsonNode wanted = field.getValue();
            if (current == null || (current.isNull() && wanted.isContainerNode())) {
                target.set(field.getKey(), wanted.deepCopy());
            } else if (current.isObject() && wanted.isObject()) {
                fillMissing((ObjectNode) current, (ObjectNode) wanted);
            }
        }
    }

    /** A copy of an object, or an empty object for anything that is not one (null, missing, scalars, lists). */
    public static ObjectNode objectCopy(JsonNode value) {
        return value != null && value.isObject() ? ((ObjectNode) value).deepCopy() : MAPPER.createObjectNode();
    }
}

package org.opencdp.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.opencdp.server.common.time.Times;

/**
 * Helpers for request bodies of configuration entities, kept as JSON documents: each normalises one field in
 * place (ids trimmed and lower-cased, lists never null, references as {@code {id, name}}) or rejects the body
 * with an {@link InvalidBodyException} that names the field.
 */
public final class Bodies {

    public static final int MAX_ID_LENGTH = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Bodies() {
    }

    /** A copy of the body, which must be a JSON object. */
    public static ObjectNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidBodyException.of("", "the body must be a JSON object");
        }
        return body.deepCopy();
    }

    /** Trims and lower-cases a configuration id (domain-model §1); null stays null. */
    public static String normalizeId(String id) {
        return id == null ? null : id.strip().toLowerCase(Locale.ROOT);
    }

    /** The document's normalised id, a new UUID when it has none; written back into the document. */
    public static String idOrNew(ObjectNode doc) {
        String id = normalizeId(text(doc, "id"));
        if (id == null || id.isEmpty()) {
            id = UUID.randomUUID().toString();
        }
        return setId(doc, id);
    }

    /** The document's normalised id, which must be given. */
    public static String requiredId(ObjectNode doc) {
        String id = normalizeId(text(doc, "id"));
        if (id == null || id.isEmpty()) {
            throw InvalidBodyException.of("id", "field required");
        }
        return setId(doc, id);
    }

    private static String setId(ObjectNode doc, String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw InvalidBodyException.of("id", "ensure this value has at most " + MAX_ID_LENGTH + " characters");
        }
        doc.put("id", id);
        return id;
    }

    /** The text of a scalar field, or null. */
    public static String text(JsonNode doc, String field) {
        JsonNode value = doc == null ? null : doc.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A text field that must be present and not blank. */
    public static String requiredText(ObjectNode doc, String field) {
        String value = text(doc, field);
        if (value == null || value.isBlank()) {
            throw InvalidBodyException.of(field, "field required");
        }
        return value;
    }

    /** Makes the field a list of strings: missing or null → [], a string → [string], other items dropped. */
    public static ArrayNode stringList(ObjectNode doc, String field) {
        JsonNode value = doc.get(field);
        ArrayNode list = NODES.arrayNode();
        if (value != null && value.isTextual()) {
            list.add(value.asText());
        } else if (value != null && value.isArray()) {
            value.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    list.add(item.asText());
                }
            });
        }
        doc.set(field, list);
        return list;
    }

    /** Makes the field an object: missing or null → {}; anything else that is not an object → 422. */
    public static ObjectNode objectField(ObjectNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return doc.putObject(field);
        }
        if (!value.isObject()) {
            throw InvalidBodyException.of(field, "value is not a valid dict");
        }
        return (ObjectNode) value;
    }

    /** Sets a boolean field to the default when it is missing or not a boolean. */
    public static boolean flag(ObjectNode doc, String field, boolean defaultValue) {
        JsonNode value = doc.get(field);
        boolean result = value != null && value.isBoolean() ? value.booleanValue() : defaultValue;
        doc.put(field, result);
        return result;
    }

    /** Puts the value when the field is missing or null. */
    public static void defaultText(ObjectNode doc, String field, String value) {
        if (!doc.hasNonNull(field)) {
            doc.put(field, value);
        }
    }

    /**
     * Makes the field a named reference {@code {id, name}} with a normalised id; a bare string is taken as the
     * id. Returns the id, or null when there is none.
     */
    public static String reference(ObjectNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        ObjectNode ref;
        if (value.isTextual()) {
            ref = NODES.objectNode().put("id", value.asText()).put("name", value.asText());
            doc.set(field, ref);
        } else if (value.isObject()) {
            ref = (ObjectNode) value;
        } else {
            throw InvalidBodyException.of(field, "value is not a valid reference {id, name}");
        }
        String id = normalizeId(text(ref, "id"));
        if (id != null) {
            ref.put("id", id);
        }
        return id;
    }

    /** Now, in the spec's datetime format. */
    public static String now() {
        return Times.format(Instant.now());
    }

    /** {@code yes}/{@code no} (or {@code on}/{@code off}) in a path; anything else → 422 naming {@code state}. */
    public static boolean yesNo(String state) {
        return switch (state == null ? "" : state.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "on", "true" -> true;
            case "no", "off", "false" -> false;
            default -> throw InvalidBodyException.of("state", "expected yes or no, got " + state);
        };
    }
}

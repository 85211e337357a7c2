package org.opencdp.server.workflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.notation.InvalidReferenceException;

/**
 * The object template of workflows §6: a JSON value whose string leaves that are dot references are replaced by
 * the values they reference. Other strings are literals (with the backtick casts of §5). A key ending in
 * {@code ?} is optional: it is left out, and its {@code ?} dropped, when its value is missing or empty.
 *
 * <p>A missing reference under a required key is an error, unless the template renders with
 * {@code missingAsNull} (Create response, destinations, redirects, Reshape payload with {@code default}),
 * where it becomes {@code null}.
 */
public final class ObjectTemplate {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DotAccessor dots;
    private final boolean missingAsNull;

    private ObjectTemplate(DotAccessor dots, boolean missingAsNull) {
        this.dots = dots;
        this.missingAsNull = missingAsNull;
    }

    /**
     * Renders {@code template} against the objects {@code dots} reads.
     *
     * @return the rendered copy (the template is not changed); null for a null template
     * @throws InvalidReferenceException a required reference is missing and {@code missingAsNull} is false
     */
    public static JsonNode render(JsonNode template, DotAccessor dots, boolean missingAsNull) {
        if (template == null) {
            return null;
        }
        return new ObjectTemplate(dots, missingAsNull).value(template, false).orElse(NODES.nullNode());
    }

    /** The rendered value, or empty when it is to be left out (an optional key whose value is missing). */
    private Optional<JsonNode> value(JsonNode template, boolean optional) {
        if (template.isObject()) {
            return Optional.of(object(template, optional));
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode();
            template.forEach(element -> out.add(value(element, optional).orElse(NODES.nullNode())));
            return Optional.of(out);
        }
        if (!template.isTextual()) {
            return Optional.of(template.deepCopy());
        }
        Optional<DotReference> reference = DotReference.parse(template.textValue());
        if (reference.isEmpty()) {
            return Optional.of(DotAccessor.cast(template.textValue()));
        }
        Optional<JsonNode> found = dots.read(reference.get());
        if (found.isPresent()) {
            return Optional.of(found.get().deepCopy());
        }
        if (optional) {
            return Optional.empty();
        }
        if (missingAsNull) {
            return Optional.of(NODES.nullNode());
        }
        throw new InvalidReferenceException("Invalid data reference `" + template.textValue() + "`: the value does not exist.");
    }

    /** Keys below an optional key are optional too: their missing values are left out. */
    private ObjectNode object(JsonNode template, boolean insideOptional) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : template.properties()) {
            String key = entry.getKey();
            boolean optional = key.endsWith("?");
            String name = optional ? key.substring(0, key.length() - 1) : key;
            Optional<JsonNode> rendered = value(entry.getValue(), optional || insideOptional);
            if (rendered.isEmpty() || (optional && isEmpty(rendered.get()))) {
                continue;
            }
            out.set(name, rendered.orElse(NODES.nullNode()));
        }
        return out;
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || (value.isTextual() && value.textValue().isEmpty()) || (value.isContainerNode() && value.isEmpty());
    }
}

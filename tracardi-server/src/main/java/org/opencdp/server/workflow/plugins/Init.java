package org.opencdp.server.workflow.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.PluginConfigException;

/**
 * Reads the fields of a node's {@code init} the way the GUI writes them: numbers and booleans sometimes as
 * strings, JSON documents as strings, absent fields meaning the default. Every refusal names the field.
 */
public final class Init {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Init() {
    }

    /** The text of the field, or {@code fallback} when absent or null. Numbers and booleans are read as text. */
    public static String text(JsonNode config, String field, String fallback) throws PluginConfigException {
        JsonNode value = config == null ? null : config.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isContainerNode()) {
            throw new PluginConfigException(field + " must be a string");
        }
        return value.asText();
    }

    /** The text of the field; absent, null or blank is refused. */
    public static String requiredText(JsonNode config, String field) throws PluginConfigException {
        String value = text(config, field, null);
        if (value == null || value.isBlank()) {
            throw new PluginConfigException(field + " must not be empty");
        }
        return value;
    }

    public static boolean bool(JsonNode config, String field, boolean fallback) throws PluginConfigException {
        JsonNode value = config == null ? null : config.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText().trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw new PluginConfigException(field + " must be true or false");
    }

    public static double number(JsonNode config, String field, double fallback) throws PluginConfigException {
        JsonNode value = config == null ? null : config.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return fallback;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return Double.parseDouble(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new PluginConfigException(field + " must be a number, not '" + value.asText() + "'");
        }
    }

    public static long integer(JsonNode config, String field, long fallback) throws PluginConfigException {
        double value = number(config, field, fallback);
        if (value != Math.rint(value)) {
            throw new PluginConfigException(field + " must be a whole number");
        }
        return (long) value;
    }

    /** The field as a dot reference such as {@code profile@traits.x}. */
    public static DotReference reference(JsonNode config, String field) throws PluginConfigException {
        String text = requiredText(config, field);
        return DotReference.parse(text).orElseThrow(() ->
                new PluginConfigException(field + ": '" + text + "' is not a dot reference such as profile@traits.x"));
    }

    /** A JSON document given as a string (as the GUI's JSON editors write it) or as a JSON value. */
    public static JsonNode json(JsonNode config, String field, String fallback) throws PluginConfigException {
        JsonNode value = config == null ? null : config.get(field);
        if (value == null || value.isNull()) {
            return parse(fallback, field);
        }
        return value.isTextual() ? parse(value.textValue(), field) : value;
    }

    private static JsonNode parse(String text, String field) throws PluginConfigException {
        if (text == null) {
            return null;
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw new PluginConfigException(field + " must hold a JSON document");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new PluginConfigException(field + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The value of an {@code error} port: {@code {"message": …}}. */
    public static ObjectNode errorMessage(String message) {
        return JsonNodeFactory.instance.objectNode().put("message", message);
    }
}

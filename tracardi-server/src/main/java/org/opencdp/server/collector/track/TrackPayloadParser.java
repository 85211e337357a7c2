package org.opencdp.server.collector.track;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.event.EventType;

/**
 * Step F2: parses and validates a tracker payload (collector-api §3.2–3.4) whatever its content type.
 * Unknown properties are ignored, {@code null} is accepted for every optional object, and every rejection
 * names the offending field.
 */
public final class TrackPayloadParser {

    private final ObjectMapper json;
    private final int maxEvents;

    public TrackPayloadParser(ObjectMapper json, int maxEvents) {
        this.json = json;
        this.maxEvents = maxEvents;
    }

    /** Parses a request body; the payload keeps the body when a queue message can carry it verbatim. */
    public TrackPayload parse(byte[] body) {
        JsonNode root;
        boolean verbatim;
        try (JsonParser parser = json.createParser(body)) {
            root = json.readTree(parser);
            verbatim = opensWithBrace(body) && nothingAfter(parser);
        } catch (java.io.IOException e) {
            throw RequestValidationException.at(List.of("body", 0), "JSON decode error", "json_invalid");
        }
        return parse(root, verbatim ? body : null);
    }

    /** Parses a payload already read as JSON (a queue message's copy of the sent body). */
    public TrackPayload parse(JsonNode root) {
        return parse(root, null);
    }

    /**
     * Whether the body starts, after ASCII white space, with the brace of an object: that excludes a byte-order mark
     * and UTF-16 or UTF-32, which the parser reads but which cannot be copied into a UTF-8 message.
     */
    private static boolean opensWithBrace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /** Whether the parser is at the end of its input; trailing content is ignored by the parse, but not copied. */
    private static boolean nothingAfter(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private TrackPayload parse(JsonNode root, byte[] sentBody) {
        if (root == null || !root.isObject()) {
            throw RequestValidationException.at(List.of("body"), "Input should be a valid dictionary", "dict_type");
        }
        String sourceId = requiredId(root.path("source"), List.of("body", "source"));
        String sessionId = optionalId(root.path("session"), List.of("body", "session"));
        String profileId = optionalId(root.path("profile"), List.of("body", "profile"));
        JsonNode events = root.path("events");
        if (events.isMissingNode() || events.isNull()) {
            throw RequestValidationException.at(List.of("body", "events"), "Field required", "missing");
        }
        if (!events.isArray()) {
            throw RequestValidationException.at(List.of("body", "events"), "Input should be a valid list", "list_type");
        }
        if (events.size() > maxEvents) {
            throw new PayloadTooLargeException(events.size() + " events, more than " + maxEvents);
        }
        ObjectNode options = object(root.path("options"), List.of("body", "options"));
        if (options.has("scheduledFlowId") || options.has("scheduledNodeId")) {
            throw RequestValidationException.message("Scheduled execution is internal only.");
        }
        List<TrackPayload.PayloadEvent> parsed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            parsed.add(event(events.get(i), i));
        }
        return new TrackPayload(sourceId, sessionId, profileId, parsed, object(root.path("context"), List.of("body", "context")),
                object(root.path("properties"), List.of("body", "properties")), options,
                root.path("debug").isBoolean() && root.path("debug").booleanValue(), sentBody);
    }

    private TrackPayload.PayloadEvent event(JsonNode node, int index) {
        List<Object> loc = List.of("body", "events", index);
        if (!node.isObject()) {
            throw RequestValidationException.at(loc, "Input should be a valid dictionary", "dict_type");
        }
        JsonNode type = node.path("type");
        if (type.isMissingNode() || type.isNull()) {
            throw RequestValidationException.at(append(loc, "type"), "Field required", "missing");
        }
        if (!type.isTextual() || type.asText().isBlank()) {
            throw RequestValidationException.at(append(loc, "type"), "String should have at least 1 character", "string_too_short");
        }
        String id = node.path("id").isValueNode() && !node.path("id").isNull() ? node.path("id").asText().trim() : null;
        JsonNode time = node.path("time");
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> {
            if (tag.isValueNode() && !tag.isNull()) {
                tags.add(tag.asText());
            }
        });
        return new TrackPayload.PayloadEvent(id == null || id.isEmpty() ? null : id, EventType.normalise(type.asText()),
                object(node.path("properties"), append(loc, "properties")), object(node.path("context"), append(loc, "context")),
                object(node.path("options"), append(loc, "options")), text(time.path("insert")), text(time.path("create")), tags);
    }

    private static String requiredId(JsonNode node, List<Object> loc) {
        if (node.isMissingNode() || node.isNull()) {
            throw RequestValidationException.at(loc, "Field required", "missing");
        }
        if (!node.isObject()) {
            throw RequestValidationException.at(loc, "Input should be a valid dictionary", "dict_type");
        }
        JsonNode id = node.path("id");
        if (id.isMissingNode() || id.isNull()) {
            throw RequestValidationException.at(append(loc, "id"), "Field required", "missing");
        }
        if (!id.isValueNode() || id.asText().isBlank()) {
            throw RequestValidationException.at(append(loc, "id"), "String should have at least 1 character", "string_too_short");
        }
        return id.asText().trim().toLowerCase(Locale.ROOT);
    }

    private static String optionalId(JsonNode node, List<Object> loc) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw RequestValidationException.at(loc, "Input should be a valid dictionary", "dict_type");
        }
        JsonNode id = node.path("id");
        if (!id.isValueNode() || id.isNull() || id.asText().isBlank()) {
            return null;
        }
        return id.asText().trim();
    }

    private ObjectNode object(JsonNode node, List<Object> loc) {
        if (node.isMissingNode() || node.isNull()) {
            return json.createObjectNode();
        }
        if (!node.isObject()) {
            throw RequestValidationException.at(loc, "Input should be a valid dictionary", "dict_type");
        }
        return (ObjectNode) node;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static List<Object> append(List<Object> loc, Object part) {
        List<Object> longer = new ArrayList<>(loc);
        longer.add(part);
        return List.copyOf(longer);
    }
}

package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's event-to-profile mapping (domain-model §12): for events of one type, copy event values (or
 * literals) into profile fields. Stored whole in {@code event_to_profile_mapping.data}.
 *
 * <p>{@link #fromJson} is lenient (what is stored is read back whatever it holds); {@link #problems} lists what
 * the API must refuse with 422.
 */
public record EventToProfileMapping(String id, String name, String description, boolean enabled,
                                    NamedRef eventType, String condition, List<Item> items, List<String> tags,
                                    boolean buildIn) {

    /** The roots a mapping may write under (domain-model §12, D32). */
    public static final Set<String> ALLOWED_ROOTS = Set.of(
            "data", "traits", "ids", "stats", "segments", "interests", "consents", "aux", "misc", "trash");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {@code {id, name}}; only the id counts. */
    public record NamedRef(String id, String name) {
        JsonNode toJson() {
            return NODES.objectNode().put("id", id).put("name", name);
        }
    }

    /** {@code {value, ref}}: with {@code ref} the value is a dot path, otherwise a literal. */
    public record RefValue(String value, boolean ref) {
        JsonNode toJson() {
            return NODES.objectNode().put("value", value).put("ref", ref);
        }
    }

    /** The write operations of custom mappings. */
    public enum Op {
        EQUALS(0, "equals"), EQUALS_IF_NOT_EXISTS(1, "equals_if_not_exists"), APPEND(2, "append");

        private final int code;
        private final String label;

        Op(int code, String label) {
            this.code = code;
            this.label = label;
        }

        public int code() {
            return code;
        }

        public String label() {
            return label;
        }

        /** {@code 0|1|2} or {@code "equals"|"equal"|"equals_if_not_exists"|"append"} (also as digits); else null. */
        public static Op parse(JsonNode op) {
            if (op == null || op.isNull()) {
                return null;
            }
            String text = op.asText().strip().toLowerCase(Locale.ROOT);
            for (Op candidate : values()) {
                if (text.equals(candidate.label) || text.equals(Integer.toString(candidate.code))) {
                    return candidate;
                }
            }
            return text.equals("equal") ? EQUALS : null;
        }
    }

    /**
     * One copy. {@code op} is null when the stored value is not a known operation; {@code rawOp} keeps it for
     * warnings and for writing the entity back.
     */
    public record Item(RefValue event, Op op, JsonNode rawOp, RefValue profile) {
    }

    public EventToProfileMapping {
        items = items == null ? List.of() : List.copyOf(items);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Ids of configuration entities are trimmed and lower-cased (domain-model §1). */
    public static String normalizeId(String id) {
        return id == null ? null : id.strip().toLowerCase(Locale.ROOT);
    }

    /** Event types are normalised as at ingest (collector-api §3.3): trimmed, lower-cased, spaces → dashes. */
    public static String normalizeEventType(String type) {
        return type == null || type.isBlank() ? null : type.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** Reads a stored or posted entity; never throws for odd content. */
    public static EventToProfileMapping fromJson(JsonNode node) {
        JsonNode eventType = node.path("event_type");
        NamedRef type = eventType.isTextual()
                ? new NamedRef(normalizeEventType(eventType.textValue()), eventType.textValue())
                : new NamedRef(normalizeEventType(text(eventType, "id")), text(eventType, "name"));
        List<Item> items = new ArrayList<>();
        for (JsonNode item : node.path("event_to_profile")) {
            if (item.isObject()) {
                items.add(new Item(ref(item.get("event")), Op.parse(item.get("op")),
                        item.has("op") ? item.get("op").deepCopy() : NODES.nullNode(), ref(item.get("profile"))));
            }
        }
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> {
            if (tag.isValueNode() && !tag.isNull()) {
                tags.add(tag.asText());
            }
        });
        JsonNode enabled = node.get("enabled");
        return new EventToProfileMapping(normalizeId(text(node, "id")), text(node, "name"), text(node, "description"),
                enabled != null && enabled.asBoolean(false), type, text(node.path("config"), "condition"), items, tags,
                node.path("build_in").asBoolean(false));
    }

    /** The entity as stored and returned (domain-model §12). */
    public ObjectNode toJson() {
        ObjectNode node = NODES.objectNode();
        node.put("id", id);
        node.put("name", name);
        node.put("description", description == null ? "" : description);
        node.put("enabled", enabled);
        node.set("event_type", eventType == null ? NODES.nullNode() : eventType.toJson());
        ObjectNode config = node.putObject("config");
        if (condition != null) {
            config.put("condition", condition);
        }
        ArrayNode list = node.putArray("event_to_profile");
        for (Item item : items) {
            ObjectNode entry = list.addObject();
            entry.set("event", item.event() == null ? NODES.nullNode() : item.event().toJson());
            entry.set("op", item.op() != null ? NODES.numberNode(item.op().code())
                    : item.rawOp() == null ? NODES.nullNode() : item.rawOp());
            entry.set("profile", item.profile() == null ? NODES.nullNode() : item.profile().toJson());
        }
        ArrayNode tagList = node.putArray("tags");
        tags.forEach(tagList::add);
        node.put("build_in", buildIn);
        return node;
    }

    /** Whether a condition must be evaluated before the mapping applies. */
    public boolean hasCondition() {
        return condition != null && !condition.isBlank();
    }

    /** The event type id, or null. */
    public String eventTypeId() {
        return eventType == null ? null : eventType.id();
    }

    /** What makes the entity invalid (empty when it is valid). */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (id == null || id.isEmpty()) {
            problems.add("id: required");
        } else if (id.length() > 64) {
            problems.add("id: at most 64 characters");
        }
        if (eventTypeId() == null) {
            problems.add("event_type.id: required");
        } else if (eventTypeId().length() > 128) {
            problems.add("event_type.id: at most 128 characters");
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.event() == null || item.event().value() == null) {
                problems.add("event_to_profile." + i + ".event: required");
            }
            if (item.op() == null) {
                problems.add("event_to_profile." + i + ".op: must be 0, 1 or 2");
            }
            if (item.profile() == null || !allowedTarget(item.profile().value())) {
                problems.add("event_to_profile." + i + ".profile: must start with one of " + ALLOWED_ROOTS);
            }
        }
        return problems;
    }

    /** Whether a profile path starts with an allowed root. */
    public static boolean allowedTarget(String path) {
        if (path == null || path.isBlank()) {
            return false;
        }
        int dot = path.indexOf('.');
        return ALLOWED_ROOTS.contains(dot < 0 ? path : path.substring(0, dot));
    }

    private static RefValue ref(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return new RefValue(node.textValue(), true);
        }
        JsonNode value = node.get("value");
        return new RefValue(value == null || value.isNull() ? null : value.asText(), node.path("ref").asBoolean(true));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}

package org.opencdp.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An event source (domain-model §5) as stored in the {@code data} column of {@code event_source}.
 *
 * <p>Normalisation on the way in: the id is trimmed and lower-cased (§1); a single-string {@code type} is
 * wrapped in a list and every type is trimmed and lower-cased; missing lists and objects become empty ones;
 * {@code enabled} defaults to true, the other flags to false. Fields this class does not know are kept in
 * {@link #extra} and written back unchanged, so a newer GUI's fields survive a round trip.
 */
public record EventSource(
        String id,
        String name,
        String description,
        List<String> type,
        BridgeRef bridge,
        String timestamp,
        String channel,
        boolean enabled,
        boolean transitional,
        boolean locked,
        List<String> tags,
        List<String> groups,
        boolean permanentProfileId,
        boolean requiresConsent,
        boolean synchronizeProfiles,
        String manual,
        String icon,
        String url,
        Map<String, Object> config,
        Map<String, JsonNode> extra) {

    public static final String REST = "rest";
    public static final String WEBHOOK = "webhook";
    public static final String REDIRECT = "redirect";
    public static final String INTERNAL = "internal";
    /** The bridge types a saved source must name at least one of (otherwise 422 on save). */
    public static final Set<String> KNOWN_TYPES = Set.of(REST, WEBHOOK, REDIRECT, INTERNAL, "queue", "mqtt", "imap");
    /** The REST API bridge of the built-in catalogue (domain-model §5). */
    public static final BridgeRef REST_BRIDGE = new BridgeRef("778ded05-4ff3-4e08-9a86-72c0195fa95d", "REST API Bridge");

    private static final Set<String> KNOWN_FIELDS = Set.of("id", "name", "description", "type", "bridge", "timestamp",
            "channel", "enabled", "transitional", "locked", "tags", "groups", "permanent_profile_id", "requires_consent",
            "synchronize_profiles", "manual", "icon", "url", "config");
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** The bridge the source uses, as a {@code {id, name}} reference; not checked against the catalogue. */
    public record BridgeRef(String id, String name) {
    }

    public EventSource {
        id = normalizeId(id);
        name = name == null ? "" : name;
        type = normalizeTypes(type);
        tags = copy(tags);
        groups = copy(groups);
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Trims and lower-cases a configuration-entity id; null stays null. */
    public static String normalizeId(String id) {
        return id == null ? null : id.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether at least one of the types is a known bridge type (the save-time rule of domain-model §5). */
    public boolean hasKnownType() {
        return type.stream().anyMatch(KNOWN_TYPES::contains);
    }

    /** Whether this source may be used by an endpoint that needs {@code bridgeType}. */
    public boolean allows(String bridgeType) {
        return type.contains(bridgeType);
    }

    /**
     * A transitional (ephemeral) source forces {@code saveSession=false} and {@code saveEvents=false} on every
     * request it receives (collector §3.4).
     */
    public boolean ephemeral() {
        return transitional;
    }

    /** A boolean bridge option of {@code config}; anything that is not a JSON boolean gives the default. */
    public boolean configFlag(String name, boolean defaultValue) {
        return config.get(name) instanceof Boolean value ? value : defaultValue;
    }

    /** A string bridge option of {@code config}, or null when absent, blank or not a string. */
    public String configString(String name) {
        return config.get(name) instanceof String value && !value.isBlank() ? value : null;
    }

    /**
     * The source accepted for any id when {@code collector.sourceCheck} is off (development only): REST,
     * webhook and redirect, channel {@code Web}, enabled, not transitional.
     */
    public static EventSource synthetic(String id) {
        return new EventSource(id, "Static event source",
                "Accepted without a stored event source because collector.sourceCheck is off (ENABLE_EVENT_SOURCE_CHECK=no).",
                List.of(REST, WEBHOOK, REDIRECT), REST_BRIDGE, null, "Web", true, false, false, List.of(), List.of(),
                false, false, false, null, null, null, Map.of(), Map.of());
    }

    /** Reads a stored or posted document; throws {@link IllegalArgumentException} when it is not an object. */
    public static EventSource fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an event source must be a JSON object");
        }
        JsonNode bridgeNode = node.get("bridge");
        BridgeRef bridge = bridgeNode != null && bridgeNode.isObject()
                ? new BridgeRef(text(bridgeNode.get("id")), text(bridgeNode.get("name")))
                : null;
        Map<String, Object> config = new LinkedHashMap<>();
        JsonNode configNode = node.get("config");
        if (configNode != null && configNode.isObject()) {
            configNode.fields().forEachRemaining(field ->
                    config.put(field.getKey(), PLAIN.convertValue(field.getValue(), Object.class)));
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KNOWN_FIELDS.contains(field.getKey())) {
                extra.put(field.getKey(), field.getValue());
            }
        }
        return new EventSource(text(node.get("id")), text(node.get("name")), text(node.get("description")),
                strings(node.get("type")), bridge, text(node.get("timestamp")), text(node.get("channel")),
                flag(node.get("enabled"), true), flag(node.get("transitional"), false), flag(node.get("locked"), false),
                strings(node.get("tags")), strings(node.get("groups")), flag(node.get("permanent_profile_id"), false),
                flag(node.get("requires_consent"), false), flag(node.get("synchronize_profiles"), false),
                text(node.get("manual")), text(node.get("icon")), text(node.get("url")), config, extra);
    }

    /** The stored and returned document, with Tracardi's field names; lists and objects are never null. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("name", name);
        node.put("description", description);
        node.set("type", PLAIN.valueToTree(type));
        if (bridge == null) {
            node.putNull("bridge");
        } else {
            node.putObject("bridge").put("id", bridge.id()).put("name", bridge.name());
        }
        node.put("timestamp", timestamp);
        node.put("channel", channel);
        node.put("enabled", enabled);
        node.put("transitional", transitional);
        node.put("locked", locked);
        node.set("tags", PLAIN.valueToTree(tags));
        node.set("groups", PLAIN.valueToTree(groups));
        node.put("permanent_profile_id", permanentProfileId);
        node.put("requires_consent", requiresConsent);
        node.put("synchronize_profiles", synchronizeProfiles);
        node.put("manual", manual);
        node.put("icon", icon);
        node.put("url", url);
        node.set("config", PLAIN.valueToTree(config));
        extra.forEach(node::set);
        return node;
    }

    /** A copy with another id (normalised), e.g. for a new source that gets a UUID. */
    public EventSource withId(String newId) {
        return new EventSource(newId, name, description, type, bridge, timestamp, channel, enabled, transitional, locked,
                tags, groups, permanentProfileId, requiresConsent, synchronizeProfiles, manual, icon, url, config, extra);
    }

    /** A copy that is enabled or disabled. */
    public EventSource withEnabled(boolean value) {
        return new EventSource(id, name, description, type, bridge, timestamp, channel, value, transitional, locked,
                tags, groups, permanentProfileId, requiresConsent, synchronizeProfiles, manual, icon, url, config, extra);
    }

    private static List<String> normalizeTypes(List<String> types) {
        if (types == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String value : types) {
            if (value != null && !value.isBlank()) {
                String normalized = value.trim().toLowerCase(Locale.ROOT);
                if (!out.contains(normalized)) {
                    out.add(normalized);
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : values.stream().filter(value -> value != null).toList();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }

    private static boolean flag(JsonNode node, boolean defaultValue) {
        return node != null && node.isBoolean() ? node.booleanValue() : defaultValue;
    }

    /** A list of strings, or a single string wrapped in a list; other values are ignored. */
    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    out.add(item.asText());
                }
            });
        }
        return out;
    }
}

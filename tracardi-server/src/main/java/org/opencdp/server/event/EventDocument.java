package org.opencdp.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.opencdp.server.common.json.JsonShapes;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileRef;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.session.SessionRef;

/**
 * An event as stored (domain-model §3), built in step P8 (processing §3.2): {@code metadata.status = collected},
 * empty {@code processed_by} lists, {@code os}, {@code app}, {@code device} and {@code utm} copied from the
 * session, {@code hit} from {@code context.page}. Every container of the contract shape is present.
 *
 * <p>Not thread-safe.
 */
public final class EventDocument {

    /** {@code metadata.status} values; {@code invalid} appears only inside failed-event records. */
    public enum Status {
        COLLECTED, PROCESSED, INVALID;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The lists of {@code metadata.processed_by}. */
    public enum ProcessedBy {
        RULES("rules"), FLOWS("flows"), THIRD_PARTY("third_party");

        private final String key;

        ProcessedBy(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode root;

    private EventDocument(ObjectNode root) {
        this.root = root;
    }

    /**
     * Builds a payload event.
     *
     * @param event   the payload event
     * @param origin  what the batch's events share
     * @param session the event's {@code session} reference, or null (session-less, {@code saveSession=false})
     * @param profile the event's {@code profile} reference, or null; ignored for a profile-less origin
     * @param agent   the session whose {@code os}, {@code app}, {@code device} and {@code utm} are copied, or null
     *                for all-null ones
     */
    public static EventDocument build(EventInput event, EventOrigin origin, SessionRef session, ProfileRef profile,
                                      SessionDocument agent) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(origin, "origin");
        String type = EventType.normalise(event.type());
        ObjectNode root = NODES.objectNode();
        root.put("id", event.id());
        root.put("type", type);
        root.put("name", EventType.name(type));
        root.set("metadata", metadata(event.insert(), verbatimTime(event.create()), origin));
        root.putObject("source").put("id", origin.sourceId());
        root.set("session", session == null ? NODES.nullNode() : session.toJson());
        root.set("profile", profile == null || origin.profileLess() ? NODES.nullNode() : profile.toJson());
        root.set("properties", JsonShapes.objectCopy(event.properties()));
        ObjectNode context = JsonShapes.objectCopy(event.context());
        root.set("context", context);
        root.set("config", JsonShapes.objectCopy(event.options()));
        root.putObject("request").set("headers", JsonShapes.objectCopy(origin.headers()));
        root.set("tags", tags(event.tags()));
        root.putObject("traits");
        root.putObject("data");
        root.putObject("journey").putNull("state");
        for (String part : SessionDocument.AGENT_PARTS) {
            root.set(part, agent == null ? SessionDocument.defaultPart(part) : agent.copyOfPart(part));
        }
        root.set("hit", hit(context.get("page")));
        root.putObject("aux");
        return new EventDocument(root);
    }

    /**
     * Builds a system event (domain-model §14) with the deterministic id of its batch: {@code context},
     * {@code config} and request headers empty, tags {@code [event:system]}, insert and create times
     * {@link SystemEventType#insertTime(Instant) before the receive time}. {@code visit-started} carries
     * {@code {"trigger-event-types": [...]}} in its properties, the others {@code {}}.
     *
     * @param triggerEventTypes the types of the events already in the batch (used by {@code visit-started} only)
     */
    public static EventDocument systemEvent(SystemEventType type, String batchId, Instant receivedAt,
                                            EventOrigin origin, SessionRef session, ProfileRef profile,
                                            SessionDocument agent, List<String> triggerEventTypes) {
        Objects.requireNonNull(type, "type");
        Instant time = type.insertTime(receivedAt);
        ObjectNode properties = NODES.objectNode();
        if (type == SystemEventType.VISIT_STARTED) {
            ArrayNode triggers = properties.putArray("trigger-event-types");
            if (triggerEventTypes != null) {
                triggerEventTypes.stream().filter(Objects::nonNull).forEach(triggers::add);
            }
        }
        EventOrigin systemOrigin = new EventOrigin(origin.sourceId(), origin.channel(), origin.ip(), null,
                origin.profileLess(), origin.debug(), origin.instanceId());
        EventInput input = new EventInput(type.idFor(batchId), type.type(), properties, null, null,
                List.of(SystemEventType.TAG), time, Times.toJson(time));
        return build(input, systemOrigin, session, profile, agent);
    }

    /** Wraps a stored document without copying it. */
    public static EventDocument of(ObjectNode stored) {
        if (stored == null || !stored.path("id").isTextual() || !stored.path("type").isTextual()) {
            throw new IllegalArgumentException("an event document needs a string id and type");
        }
        return new EventDocument(stored);
    }

    /** The live stored document. */
    public ObjectNode json() {
        return root;
    }

    /** The API form: a copy without {@code internal}. */
    public ObjectNode toApiJson() {
        ObjectNode copy = root.deepCopy();
        copy.remove("internal");
        return copy;
    }

    public String id() {
        return root.get("id").textValue();
    }

    public String type() {
        return root.get("type").textValue();
    }

    /** {@code metadata.time.insert}, which decides the event's index partition. */
    public Instant insert() {
        return Times.parse(time().get("insert")).orElseThrow();
    }

    public String status() {
        return metadata().path("status").asText(null);
    }

    public void setStatus(Status status) {
        metadata().put("status", status.label());
    }

    /** Adds a name or id to a {@code metadata.processed_by} list unless present. */
    public void addProcessedBy(ProcessedBy list, String value) {
        JsonNode existing = metadata().path("processed_by").get(list.key());
        ArrayNode values = existing != null && existing.isArray() ? (ArrayNode) existing
                : object(metadata(), "processed_by").putArray(list.key());
        for (JsonNode node : values) {
            if (node.asText().equals(value)) {
                return;
            }
        }
        values.add(value);
    }

    /** Replaces {@code tags} (built-in event types do, processing §7.1). */
    public void setTags(Collection<String> tags) {
        root.set("tags", tags(tags));
    }

    /** Sets {@code metadata.time.update}, {@code process_time} and {@code total_time} (seconds) at persistence. */
    public void setTimes(Instant update, double processTime, double totalTime) {
        time().set("update", Times.toJson(update));
        time().put("process_time", processTime);
        time().put("total_time", totalTime);
    }

    @Override
    public String toString() {
        return "EventDocument[" + id() + ", " + type() + "]";
    }

    private static ObjectNode metadata(Instant insert, JsonNode create, EventOrigin origin) {
        ObjectNode metadata = NODES.objectNode();
        ObjectNode time = metadata.putObject("time");
        time.set("insert", Times.toJson(insert));
        time.set("create", create);
        time.putNull("update");
        time.put("process_time", 0.0);
        time.put("total_time", 0.0);
        metadata.put("status", Status.COLLECTED.label());
        metadata.put("channel", origin.channel());
        metadata.put("ip", origin.ip());
        ObjectNode processedBy = metadata.putObject("processed_by");
        for (ProcessedBy list : ProcessedBy.values()) {
            processedBy.putArray(list.key());
        }
        metadata.put("profile_less", origin.profileLess());
        metadata.put("debug", origin.debug());
        metadata.put("valid", true);
        metadata.put("error", false);
        metadata.put("warning", false);
        metadata.put("merge", false);
        metadata.putObject("instance").put("id", origin.instanceId());
        metadata.putObject("aux");
        return metadata;
    }

    /** The client's {@code time.create} verbatim when it is a string or number, else null. */
    private static JsonNode verbatimTime(JsonNode create) {
        return create != null && (create.isTextual() || create.isNumber()) ? create.deepCopy() : NODES.nullNode();
    }

    /** {@code {values, count}}: trimmed, non-blank, without repeats, in the given order. */
    private static ObjectNode tags(Collection<String> tags) {
        Set<String> values = new LinkedHashSet<>();
        if (tags != null) {
            for (String tag : tags) {
                if (tag != null && !tag.isBlank()) {
                    values.add(tag.strip());
                }
            }
        }
        ObjectNode node = NODES.objectNode();
        ArrayNode array = node.putArray("values");
        values.forEach(array::add);
        node.put("count", values.size());
        return node;
    }

    /** {@code hit} from {@code context.page}: {@code name ← title}, {@code url ← url}, {@code referer ← referer.host}. */
    private static ObjectNode hit(JsonNode page) {
        ObjectNode hit = NODES.objectNode();
        hit.set("name", scalarText(page == null ? null : page.get("title")));
        hit.set("url", scalarText(page == null ? null : page.get("url")));
        hit.set("referer", scalarText(page == null ? null : page.path("referer").get("host")));
        hit.putNull("query");
        hit.putNull("category");
        hit.putNull("id");
        return hit;
    }

    /** A scalar as text (keyword fields take no objects or lists); anything else is null. */
    private static JsonNode scalarText(JsonNode value) {
        if (value == null || value.isNull() || !value.isValueNode()) {
            return NODES.nullNode();
        }
        return NODES.textNode(value.asText());
    }

    private ObjectNode metadata() {
        return object(root, "metadata");
    }

    private ObjectNode time() {
        return object(metadata(), "time");
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode node = parent.get(key);
        return node != null && node.isObject() ? (ObjectNode) node : parent.putObject(key);
    }
}

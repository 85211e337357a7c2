package org.opencdp.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opencdp.server.common.json.AppliedBatches;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.common.json.JsonShapes;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileRef;

/**
 * A session as stored (domain-model §4): a JSON document in the exact contract shape with typed accessors for
 * what the pipeline changes (processing §6.1, §6.2). {@code device}, {@code os}, {@code app} and {@code utm} are
 * always present, so events can copy them. A stored {@code internal} object, if any, is never returned:
 * use {@link #toApiJson()} for responses.
 *
 * <p>Not thread-safe: a session is changed by one batch at a time.
 */
public final class SessionDocument {

    /** {@code metadata.status} values (null means unknown, e.g. an imported session). */
    public enum Status {
        STARTED("started"), ACTIVE("active"), ENDED("ended");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The parts a new session derives from the user agent and that events copy. */
    public static final List<String> AGENT_PARTS = List.of("os", "app", "device", "utm");
    private static final List<String> UTM_KEYS = List.of("source", "medium", "campaign", "term", "content");

    private final ObjectNode root;

    private SessionDocument(ObjectNode root) {
        this.root = root;
    }

    /**
     * A new session (processing §6.1): {@code insert = create = update = start}, {@code timestamp} = start in
     * epoch seconds, {@code weekday} (0 = Monday, UTC), duration 0, status {@code started}, bound to
     * {@code profileId} (null for profile-less sessions), every container present.
     */
    public static SessionDocument create(String id, String profileId, Instant start, String channel) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        ObjectNode root = SessionShape.copy();
        root.put("id", id);
        ObjectNode metadata = (ObjectNode) root.get("metadata");
        ObjectNode time = (ObjectNode) metadata.get("time");
        time.set("insert", Times.toJson(start));
        time.set("create", Times.toJson(start));
        time.set("update", Times.toJson(start));
        time.put("timestamp", Times.epochSeconds(start));
        time.put("duration", 0.0);
        time.put("weekday", start.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() - 1);
        metadata.put("channel", channel);
        metadata.put("status", Status.STARTED.label());
        SessionDocument session = new SessionDocument(root);
        if (profileId != null) {
            session.rebind(profileId);
        }
        return session;
    }

    /**
     * Wraps a stored (or imported) document without copying it, adding the containers of the default shape it
     * lacks.
     *
     * @throws IllegalArgumentException when the document has no string {@code id} or no readable
     *                                  {@code metadata.time.insert}
     */
    public static SessionDocument of(ObjectNode stored) {
        if (stored == null || !stored.path("id").isTextual()) {
            throw new IllegalArgumentException("a session document needs a string id");
        }
        if (Times.parse(stored.path("metadata").path("time").path("insert")).isEmpty()) {
            throw new IllegalArgumentException("a session document needs metadata.time.insert");
        }
        JsonShapes.fillMissing(stored, SessionShape.shared());
        return new SessionDocument(stored);
    }

    /** A copy of a default (all-null) {@code os}, {@code app}, {@code device} or {@code utm} object. */
    public static ObjectNode defaultPart(String name) {
        if (!AGENT_PARTS.contains(name)) {
            throw new IllegalArgumentException("not a session part: " + name);
        }
        return SessionShape.part(name);
    }

    /** The live stored document. Changes to it change this session. */
    public ObjectNode json() {
        return root;
    }

    /** How many batch ids the session's {@code internal.applied_batches} keeps. */
    public static final int APPLIED_BATCHES_KEPT = 64;

    /**
     * Whether the session holds the batch already: the worker writes a batch's events, session and profile in one
     * bulk, so a batch re-delivered after a partial write may find its profile updated and its session not.
     */
    public boolean hasAppliedBatch(String batchId) {
        return AppliedBatches.contains(internal(), batchId);
    }

    /** Records the batch in {@code internal.applied_batches}, the oldest evicted beyond {@link #APPLIED_BATCHES_KEPT}. */
    public void addAppliedBatch(String batchId) {
        AppliedBatches.add(internal(), batchId, APPLIED_BATCHES_KEPT);
    }

    private ObjectNode internal() {
        return root.get("internal") instanceof ObjectNode internal ? internal : root.putObject("internal");
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

    /** {@code metadata.time.insert}: the start of the visit, which also decides the index partition. */
    public Instant start() {
        return Times.parse(time().get("insert")).orElseThrow();
    }

    public double duration() {
        return time().path("duration").asDouble(0.0);
    }

    /** The bound profile's id, or null. */
    public String profileId() {
        JsonNode id = root.path("profile").get("id");
        return id != null && id.isTextual() ? id.textValue() : null;
    }

    /** Binds the session to a profile, {@code primary_id} unknown. */
    public void rebind(String profileId) {
        rebind(ProfileRef.of(profileId));
    }

    /** Binds the session to a profile. */
    public void rebind(ProfileRef profile) {
        root.set("profile", profile.toJson());
    }

    /** Removes the profile binding ({@code profile: null}). */
    public void unbind() {
        root.putNull("profile");
    }

    /** The status, or null when unknown. */
    public String status() {
        JsonNode status = metadata().get("status");
        return status != null && status.isTextual() ? status.textValue() : null;
    }

    public void setStatus(Status status) {
        metadata().put("status", status == null ? null : status.label());
    }

    public String channel() {
        JsonNode channel = metadata().get("channel");
        return channel != null && channel.isTextual() ? channel.textValue() : null;
    }

    /** Sets {@code metadata.time.update}. */
    public void setUpdated(Instant now) {
        time().set("update", Times.toJson(now));
    }

    /**
     * {@code metadata.time.duration} = seconds from the start to {@code lastEventInsert} (D28). The duration
     * never decreases, so a back-dated event cannot shorten a visit, and it is never negative.
     */
    public void updateDuration(Instant lastEventInsert) {
        double seconds = Times.secondsBetween(start(), lastEventInsert);
        time().put("duration", Math.max(duration(), Math.max(0.0, seconds)));
    }

    /**
     * Merges a tracker context key by key into {@code context} (processing §6.2): each top-level key replaces the
     * stored one. {@code utm} is not stored; its values fill the empty fields of {@code utm} instead
     * ({@link #fillUtm(JsonNode)}).
     */
    public void mergeContext(JsonNode context) {
        if (context == null || !context.isObject()) {
            return;
        }
        ObjectNode target = object(root, "context");
        Iterator<Map.Entry<String, JsonNode>> fields = context.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if ("utm".equals(field.getKey())) {
                fillUtm(field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        target.remove("utm");
    }

    /** Merges payload {@code properties} key by key into the session's {@code properties}. */
    public void mergeProperties(JsonNode properties) {
        if (properties == null || !properties.isObject()) {
            return;
        }
        ObjectNode target = object(root, "properties");
        properties.fields().forEachRemaining(field -> target.set(field.getKey(), field.getValue().deepCopy()));
    }

    /**
     * Fills the empty fields of {@code utm} ({@code source, medium, campaign, term, content}) from a tracker's
     * {@code context.utm}: the first non-empty value wins. Only scalar values are taken, as text.
     */
    public void fillUtm(JsonNode utm) {
        if (utm == null || !utm.isObject()) {
            return;
        }
        ObjectNode target = utm();
        for (String key : UTM_KEYS) {
            JsonNode value = utm.get(key);
            if (DotPath.isEmptyValue(target.get(key)) && value != null && value.isValueNode()
                    && !DotPath.isEmptyValue(value)) {
                target.put(key, value.asText());
            }
        }
    }

    /** The tracker's time zone, {@code context.time.tz}, or null. */
    public String tz() {
        return DotPath.getText(root, "context.time.tz").filter(tz -> !tz.isBlank()).orElse(null);
    }

    /** The reference events of this session carry. */
    public SessionRef ref() {
        return new SessionRef(id(), start(), duration(), tz());
    }

    /** The live {@code context} object. */
    public ObjectNode context() {
        return object(root, "context");
    }

    /** The live {@code properties} object. */
    public ObjectNode properties() {
        return object(root, "properties");
    }

    /** The live {@code device} object. */
    public ObjectNode device() {
        return object(root, "device");
    }

    /** The live {@code os} object. */
    public ObjectNode os() {
        return object(root, "os");
    }

    /** The live {@code app} object. */
    public ObjectNode app() {
        return object(root, "app");
    }

    /** The live {@code utm} object. */
    public ObjectNode utm() {
        return object(root, "utm");
    }

    /** A copy of {@code os}, {@code app}, {@code device} or {@code utm}, as events store it. */
    public ObjectNode copyOfPart(String name) {
        if (!AGENT_PARTS.contains(name)) {
            throw new IllegalArgumentException("not a session part: " + name);
        }
        return Optional.ofNullable(root.get(name)).filter(JsonNode::isObject)
                .map(node -> ((ObjectNode) node).deepCopy())
                .orElseGet(() -> SessionShape.part(name));
    }

    @Override
    public String toString() {
        return "SessionDocument[" + id() + "]";
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

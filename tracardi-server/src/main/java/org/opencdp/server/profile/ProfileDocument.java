package org.opencdp.server.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencdp.server.common.json.AppliedBatches;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.common.json.JsonShapes;
import org.opencdp.server.common.time.Times;

/**
 * A profile as stored (domain-model §2): a JSON document in the exact contract shape, with typed accessors for
 * what the pipeline reads and changes. Everything else is reached through {@link #json()} and
 * {@link DotPath}.
 *
 * <p>The stored document carries an {@code internal} object for bookkeeping (the idempotency ring
 * {@code internal.applied_batches}, processing §2.4). It is never returned by an API: use {@link #toApiJson()}
 * for every response.
 *
 * <p>Not thread-safe: a profile is changed by one batch at a time, under its lock.
 */
public final class ProfileDocument {

    /** How many batch ids {@code internal.applied_batches} keeps (processing §2.4). */
    public static final int APPLIED_BATCHES_KEPT = 64;

    private final ObjectNode root;

    private ProfileDocument(ObjectNode root) {
        this.root = root;
    }

    /**
     * A new profile with the full default shape: {@code ids = [id]}, {@code insert = create = update = now}, no
     * visit yet, {@code data.anonymous = true} (nothing identifying is known).
     */
    public static ProfileDocument create(String id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        ObjectNode root = ProfileShape.copy();
        root.put("id", id);
        ((ArrayNode) root.get("ids")).add(id);
        ObjectNode time = (ObjectNode) root.get("metadata").get("time");
        time.set("insert", Times.toJson(now));
        time.set("create", Times.toJson(now));
        time.set("update", Times.toJson(now));
        ((ObjectNode) root.get("data")).put("anonymous", true);
        return new ProfileDocument(root);
    }

    /**
     * Wraps a stored (or imported) document without copying it, adding every container of the default shape it
     * lacks. Existing values are kept.
     *
     * @throws IllegalArgumentException when the document has no string {@code id}
     */
    public static ProfileDocument of(ObjectNode stored) {
        if (stored == null || !stored.path("id").isTextual()) {
            throw new IllegalArgumentException("a profile document needs a string id");
        }
        JsonShapes.fillMissing(stored, ProfileShape.shared());
        ProfileDocument profile = new ProfileDocument(stored);
        profile.addId(profile.id());
        return profile;
    }

    /** The live stored document, {@code internal} included. Changes to it change this profile. */
    public ObjectNode json() {
        return root;
    }

    /**
     * The API form (domain-model §1): a copy without {@code internal}, and without {@code misc} and {@code trash}
     * when they are empty.
     */
    public ObjectNode toApiJson() {
        ObjectNode copy = root.deepCopy();
        copy.remove("internal");
        for (String optional : List.of("misc", "trash")) {
            if (copy.has(optional) && DotPath.isEmptyValue(copy.get(optional))) {
                copy.remove(optional);
            }
        }
        return copy;
    }

    public String id() {
        return root.get("id").textValue();
    }

    /** The profile's ids: its own, merged-away ids and hashed merging-key ids. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        idsArray().forEach(node -> {
            if (node.isTextual()) {
                ids.add(node.textValue());
            }
        });
        return ids;
    }

    public boolean hasId(String id) {
        for (JsonNode node : idsArray()) {
            if (node.isTextual() && node.textValue().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Adds an id unless present; returns whether it was added. Blank ids are ignored. */
    public boolean addId(String id) {
        if (id == null || id.isBlank() || hasId(id)) {
            return false;
        }
        idsArray().add(id);
        return true;
    }

    /** The primary id, or null. */
    public String primaryId() {
        JsonNode value = root.get("primary_id");
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    public void setPrimaryId(String primaryId) {
        root.put("primary_id", primaryId);
    }

    /** The reference stored in this profile's events and sessions. */
    public ProfileRef ref() {
        return new ProfileRef(id(), primaryId());
    }

    public boolean active() {
        return root.path("active").asBoolean(true);
    }

    public long views() {
        return stats().path("views").asLong(0);
    }

    public long visits() {
        return stats().path("visits").asLong(0);
    }

    /** Adds to {@code stats.views} (the Increase views action, merges); returns the new value. */
    public long addViews(long by) {
        long views = views() + by;
        stats().put("views", views);
        return views;
    }

    /** Adds to {@code stats.visits} (the Increase visits action, merges); returns the new value. */
    public long addVisits(long by) {
        long visits = visits() + by;
        stats().put("visits", visits);
        return visits;
    }

    /** The live {@code stats.counters} object ({@code name → number}). */
    public ObjectNode counters() {
        return object(stats(), "counters");
    }

    /**
     * Adds to a workflow counter, starting from 0 when it is missing or not a number. The sum stays integral
     * while both sides are. Returns the new value.
     */
    public Number addToCounter(String name, Number by) {
        JsonNode current = counters().get(name);
        Number base = current != null && current.isNumber() ? current.numberValue() : 0L;
        if (isIntegral(base) && isIntegral(by)) {
            try {
                long sum = Math.addExact(base.longValue(), by.longValue());
                counters().put(name, sum);
                return sum;
            } catch (ArithmeticException overflow) {
                // falls through to a double sum
            }
        }
        double sum = base.doubleValue() + by.doubleValue();
        counters().put(name, sum);
        return sum;
    }

    public Optional<Instant> inserted() {
        return Times.parse(time().get("insert"));
    }

    public Optional<Instant> updated() {
        return Times.parse(time().get("update"));
    }

    /** Sets {@code metadata.time.update} (on every save). */
    public void setUpdated(Instant now) {
        time().set("update", Times.toJson(now));
    }

    public Optional<Instant> visitCurrent() {
        return Times.parse(visit().get("current"));
    }

    public Optional<Instant> visitLast() {
        return Times.parse(visit().get("last"));
    }

    public long visitCount() {
        return visit().path("count").asLong(0);
    }

    /** The visit's time zone, or null. */
    public String visitTz() {
        JsonNode tz = visit().get("tz");
        return tz != null && tz.isTextual() ? tz.textValue() : null;
    }

    /**
     * Counts a new visit (processing §6.3): {@code last ← current}, {@code current ← now}, {@code count += 1}; and
     * {@code tz ← tz} when one is given (a null or blank tz keeps the previous one).
     */
    public void newVisit(Instant now, String tz) {
        Objects.requireNonNull(now, "now");
        ObjectNode visit = visit();
        JsonNode current = visit.get("current");
        visit.set("last", current == null ? Times.toJson(null) : current.deepCopy());
        visit.set("current", Times.toJson(now));
        visit.put("count", visitCount() + 1);
        if (tz != null && !tz.isBlank()) {
            visit.put("tz", tz.strip());
        }
    }

    /** The live {@code internal} object (created when missing). Never part of API output. */
    public ObjectNode internal() {
        return object(root, "internal");
    }

    /** The batch ids applied to this profile, oldest first (at most {@link #APPLIED_BATCHES_KEPT}). */
    public List<String> appliedBatches() {
        List<String> batches = new ArrayList<>();
        appliedBatchesArray().forEach(node -> {
            if (node.isTextual()) {
                batches.add(node.textValue());
            }
        });
        return batches;
    }

    /** Whether a batch was applied already: a re-delivered batch is a replay (processing §3.2, P3). */
    public boolean hasAppliedBatch(String batchId) {
        return AppliedBatches.contains(internal(), batchId);
    }

    /**
     * Records a batch as applied, evicting the oldest beyond {@link #APPLIED_BATCHES_KEPT}. Returns false (and
     * changes nothing) when it is recorded already.
     */
    public boolean addAppliedBatch(String batchId) {
        return AppliedBatches.add(internal(), batchId, APPLIED_BATCHES_KEPT);
    }

    @Override
    public String toString() {
        return "ProfileDocument[" + id() + "]";
    }

    private ArrayNode idsArray() {
        return array(root, "ids");
    }

    private ArrayNode appliedBatchesArray() {
        return array(internal(), "applied_batches");
    }

    private ObjectNode stats() {
        return object(root, "stats");
    }

    private ObjectNode time() {
        return object(object(root, "metadata"), "time");
    }

    private ObjectNode visit() {
        return object(time(), "visit");
    }

    /** The object under {@code key}, replacing a missing or non-object value by an empty object. */
    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode node = parent.get(key);
        return node != null && node.isObject() ? (ObjectNode) node : parent.putObject(key);
    }

    /** The list under {@code key}, replacing a missing or non-list value by an empty list. */
    private static ArrayNode array(ObjectNode parent, String key) {
        JsonNode node = parent.get(key);
        return node != null && node.isArray() ? (ArrayNode) node : parent.putArray(key);
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte;
    }
}

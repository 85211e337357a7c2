package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.common.time.Times;

/**
 * Computes the survivor after a revert (processing §10.6 step 3), without touching any store. The survivor goes
 * back to its snapshot from before the merge, except for what happened to it since: fields changed after the
 * merge keep their current value, counters keep what was added since (current − the merged-away profiles'
 * counters, at least 0), a visit that started since stays, and ids the survivor gained since stay.
 */
public final class MergeReverter {

    private MergeReverter() {
    }

    /**
     * @param current          the survivor as stored now
     * @param snapshot         the survivor's snapshot in the journal
     * @param mergedSnapshots  the merged-away profiles' snapshots
     * @param mergedAt         the journal entry's time
     * @param now              the revert time ({@code metadata.time.update})
     */
    public static ObjectNode revert(ObjectNode current, ObjectNode snapshot, List<ObjectNode> mergedSnapshots,
                                    Instant mergedAt, Instant now) {
        ObjectNode reverted = snapshot.deepCopy();
        keepLaterChanges(reverted, current, mergedAt);
        for (String pointer : Counters.SUMMED) {
            JsonNode value = current.at(pointer);
            if (value.isNumber()) {
                setAt(reverted, pointer, Counters.minus(value, mergedSnapshots.stream().map(s -> s.at(pointer)).toList()));
            }
        }
        for (String pointer : Counters.SUMMED_OBJECTS) {
            revertCounterObject(reverted, current, snapshot, mergedSnapshots, pointer);
        }
        JsonNode metrics = reverted.at("/data/metrics");
        if (metrics.isObject()) {
            ((ObjectNode) metrics).put("ltcop", Counters.completionRatio(metrics));
        }
        keepLaterVisit(reverted, current, mergedAt);
        reverted.set("ids", ids(current, snapshot, mergedSnapshots));
        reverted.set("internal", internal(current, snapshot, mergedSnapshots));
        ProfileMerger.object(ProfileMerger.object(reverted, "metadata"), "time").set("update", Times.toJson(now));
        return reverted;
    }

    /** Copies every field whose {@code metadata.fields} timestamp is after the merge, with its entry. */
    private static void keepLaterChanges(ObjectNode reverted, ObjectNode current, Instant mergedAt) {
        JsonNode fields = current.at("/metadata/fields");
        if (!fields.isObject()) {
            return;
        }
        ObjectNode revertedFields = ProfileMerger.object(ProfileMerger.object(reverted, "metadata"), "fields");
        fields.properties().forEach(entry -> {
            Optional<Instant> changed = ChangeTimes.entryTime(entry.getValue());
            if (changed.isEmpty() || !changed.get().isAfter(mergedAt)) {
                return;
            }
            String path = entry.getKey();
            Optional<JsonNode> value = DotPath.get(current, path);
            if (value.isPresent()) {
                DotPath.set(reverted, path, value.get().deepCopy());
            } else {
                DotPath.remove(reverted, path);
            }
            revertedFields.set(path, entry.getValue().deepCopy());
        });
    }

    private static void revertCounterObject(ObjectNode reverted, ObjectNode current, ObjectNode snapshot,
                                            List<ObjectNode> mergedSnapshots, String pointer) {
        JsonNode counters = current.at(pointer);
        if (!counters.isObject()) {
            return;
        }
        ObjectNode target = objectAt(reverted, pointer);
        counters.properties().forEach(entry -> {
            if (!entry.getValue().isNumber()) {
                return;
            }
            JsonNode left = Counters.minus(entry.getValue(),
                    mergedSnapshots.stream().map(s -> s.at(pointer).path(entry.getKey())).toList());
            // A counter only the merged-away profiles had, and nothing added since, is not the survivor's.
            if (left.doubleValue() != 0 || snapshot.at(pointer).has(entry.getKey())) {
                target.set(entry.getKey(), left);
            } else {
                target.remove(entry.getKey());
            }
        });
    }

    /** A visit that started after the merge belongs to the survivor: keep its current, last and zone. */
    private static void keepLaterVisit(ObjectNode reverted, ObjectNode current, Instant mergedAt) {
        Optional<Instant> currentVisit = Times.parse(current.at("/metadata/time/visit/current"));
        if (currentVisit.isEmpty() || !currentVisit.get().isAfter(mergedAt)) {
            return;
        }
        ObjectNode visit = objectAt(reverted, "/metadata/time/visit");
        for (String key : List.of("current", "last", "tz")) {
            visit.set(key, current.at("/metadata/time/visit/" + key).deepCopy());
        }
    }

    /** The snapshot's ids plus the ids gained since, without any id the merged-away profiles brought. */
    private static ArrayNode ids(ObjectNode current, ObjectNode snapshot, List<ObjectNode> mergedSnapshots) {
        Set<String> brought = new LinkedHashSet<>();
        mergedSnapshots.forEach(s -> ProfileMerger.ids(List.of(s)).forEach(id -> brought.add(id.asText())));
        Set<String> own = new LinkedHashSet<>();
        ProfileMerger.ids(List.of(snapshot)).forEach(id -> own.add(id.asText()));
        current.path("ids").forEach(id -> {
            if (id.isTextual() && !brought.contains(id.textValue())) {
                own.add(id.textValue());
            }
        });
        ArrayNode ids = snapshot.arrayNode();
        own.forEach(ids::add);
        return ids;
    }

    /**
     * The survivor's bookkeeping as it is now, without the applied batches the merged-away profiles brought: those
     * go back with their snapshots, so a re-delivered batch stays a replay for the profile it belongs to.
     */
    private static ObjectNode internal(ObjectNode current, ObjectNode snapshot, List<ObjectNode> mergedSnapshots) {
        JsonNode own = current.get("internal");
        ObjectNode internal = own != null && own.isObject() ? own.deepCopy() : snapshot.objectNode();
        Set<JsonNode> brought = new LinkedHashSet<>();
        mergedSnapshots.forEach(s -> s.path("internal").path("applied_batches").forEach(brought::add));
        snapshot.path("internal").path("applied_batches").forEach(brought::remove);
        JsonNode batches = internal.get("applied_batches");
        if (batches != null && batches.isArray()) {
            ArrayNode kept = internal.putArray("applied_batches");
            batches.forEach(batch -> {
                if (!brought.contains(batch)) {
                    kept.add(batch);
                }
            });
        }
        return internal;
    }

    private static ObjectNode objectAt(ObjectNode root, String pointer) {
        ObjectNode node = root;
        for (String segment : pointer.substring(1).split("/")) {
            node = ProfileMerger.object(node, segment);
        }
        return node;
    }

    private static void setAt(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = slash == 0 ? root : objectAt(root, pointer.substring(0, slash));
        parent.set(pointer.substring(slash + 1), value);
    }
}

package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileDocument;

/**
 * Builds the survivor of a merge from its participants with the field strategies of processing §10.4 (D10).
 * Everything without a strategy of its own goes through {@link JsonFieldMerge}; the overrides below then set
 * ids, times, counters, consents, {@code active} and the bookkeeping. Pure: the inputs are not changed.
 */
public final class ProfileMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileMerger() {
    }

    /**
     * The merged survivor document.
     *
     * @param participants every participant, the survivor first
     * @param reason       why they merge (decides conflicting primary ids)
     * @param now          the merge time ({@code metadata.time.update})
     */
    public static ObjectNode merge(List<ObjectNode> participants, MergeReason reason, Instant now) {
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a merge needs participants");
        }
        ChangeTimes times = new ChangeTimes(participants);
        ObjectNode merged = (ObjectNode) new JsonFieldMerge(times).merge("", List.copyOf(participants));
        ObjectNode survivor = participants.get(0);
        merged.put("id", survivor.path("id").asText());
        merged.set("ids", ids(participants));
        merged.put("primary_id", primaryId(participants).orElse(null));
        mergeTimes(merged, participants, now);
        mergeFieldChanges(merged, participants);
        sumCounters(merged, participants);
        mergeConsents(merged, participants, times);
        merged.put("active", participants.stream().anyMatch(p -> p.path("active").asBoolean(true)));
        merged.set("internal", internal(participants));
        ProfileDocument.of(merged); // fills in every container of the profile shape a participant lacked
        object(object(object(merged, "metadata"), "system"), "aux").putArray("auto_merge");
        object(merged, "data").put("anonymous", anonymous(merged.get("data")));
        return merged;
    }

    /** Every participant's {@code ids} and its own id, the survivor's first. */
    static ArrayNode ids(List<ObjectNode> participants) {
        Set<String> ids = new LinkedHashSet<>();
        for (ObjectNode participant : participants) {
            ids.add(participant.path("id").asText());
            participant.path("ids").forEach(id -> {
                if (id.isTextual() && !id.textValue().isBlank()) {
                    ids.add(id.textValue());
                }
            });
        }
        ArrayNode array = NODES.arrayNode();
        ids.forEach(array::add);
        return array;
    }

    /**
     * The single primary id among the participants; when they conflict (only possible for merges the guard does
     * not check), the survivor's, or the first one set in participant order.
     */
    static Optional<String> primaryId(List<ObjectNode> participants) {
        return participants.stream()
                .map(p -> p.path("primary_id"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .filter(id -> !id.isBlank())
                .findFirst();
    }

    private static void mergeTimes(ObjectNode merged, List<ObjectNode> participants, Instant now) {
        ObjectNode time = object(object(merged, "metadata"), "time");
        extreme(participants, "/metadata/time/insert", true).ifPresent(t -> time.set("insert", t));
        extreme(participants, "/metadata/time/create", true).ifPresent(t -> time.set("create", t));
        time.set("update", Times.toJson(now));
        time.set("segmentation", extreme(participants, "/metadata/time/segmentation", false).orElse(NODES.nullNode()));
        ObjectNode visit = object(time, "visit");
        int chosen = -1;
        Instant current = null;
        for (int i = 0; i < participants.size(); i++) {
            Optional<Instant> value = Times.parse(participants.get(i).at("/metadata/time/visit/current"));
            if (value.isPresent() && (current == null || value.get().isAfter(current))) {
                current = value.get();
                chosen = i;
            }
        }
        Instant last = null;
        for (int i = 0; i < participants.size(); i++) {
            JsonNode participantVisit = participants.get(i).at("/metadata/time/visit");
            List<JsonNode> candidates = i == chosen ? List.of(participantVisit.path("last"))
                    : List.of(participantVisit.path("current"), participantVisit.path("last"));
            for (JsonNode candidate : candidates) {
                Optional<Instant> value = Times.parse(candidate);
                if (value.isPresent() && (last == null || value.get().isAfter(last))) {
                    last = value.get();
                }
            }
        }
        visit.set("current", current == null ? NODES.nullNode() : Times.toJson(current));
        visit.set("last", last == null ? NODES.nullNode() : Times.toJson(last));
        if (chosen >= 0 && participants.get(chosen).at("/metadata/time/visit/tz").isTextual()) {
            visit.set("tz", participants.get(chosen).at("/metadata/time/visit/tz").deepCopy());
        }
        visit.set("count", Counters.sum(participants.stream().map(p -> p.at("/metadata/time/visit/count")).toList()));
    }

    /** The earliest ({@code min}) or latest datetime at a pointer, in the stored format. */
    private static Optional<JsonNode> extreme(List<ObjectNode> participants, String pointer, boolean min) {
        Instant best = null;
        for (ObjectNode participant : participants) {
            Optional<Instant> value = Times.parse(participant.at(pointer));
            if (value.isPresent() && (best == null || (min ? value.get().isBefore(best) : value.get().isAfter(best)))) {
                best = value.get();
            }
        }
        return Optional.ofNullable(best).map(Times::toJson);
    }

    /** {@code metadata.fields}: per path, the entry with the newest timestamp. */
    private static void mergeFieldChanges(ObjectNode merged, List<ObjectNode> participants) {
        ObjectNode fields = NODES.objectNode();
        for (ObjectNode participant : participants) {
            JsonNode own = participant.at("/metadata/fields");
            if (!own.isObject()) {
                continue;
            }
            own.properties().forEach(entry -> {
                JsonNode kept = fields.get(entry.getKey());
                Instant keptTime = kept == null ? null : ChangeTimes.entryTime(kept).orElse(Instant.MIN);
                Instant time = ChangeTimes.entryTime(entry.getValue()).orElse(Instant.MIN);
                if (kept == null || time.isAfter(keptTime)) {
                    fields.set(entry.getKey(), entry.getValue().deepCopy());
                }
            });
        }
        object(merged, "metadata").set("fields", fields);
    }

    private static void sumCounters(ObjectNode merged, List<ObjectNode> participants) {
        for (String pointer : Counters.SUMMED) {
            List<JsonNode> values = participants.stream().map(p -> p.at(pointer)).toList();
            if (values.stream().anyMatch(JsonNode::isNumber)) {
                put(merged, pointer, Counters.sum(values));
            }
        }
        for (String pointer : Counters.SUMMED_OBJECTS) {
            ObjectNode sums = Counters.sumObjects(participants.stream().map(p -> p.at(pointer)).toList());
            JsonNode target = merged.at(pointer);
            if (target.isObject()) {
                ((ObjectNode) target).setAll(sums);
            } else if (!sums.isEmpty()) {
                put(merged, pointer, sums);
            }
        }
        JsonNode metrics = merged.at("/data/metrics");
        if (metrics.isObject()) {
            ((ObjectNode) metrics).put("ltcop", Counters.completionRatio(metrics));
        }
    }

    /** {@code consents}: per consent type, the whole entry of the participant that changed it last. */
    private static void mergeConsents(ObjectNode merged, List<ObjectNode> participants, ChangeTimes times) {
        Set<String> types = new LinkedHashSet<>();
        participants.forEach(p -> p.path("consents").fieldNames().forEachRemaining(types::add));
        ObjectNode consents = NODES.objectNode();
        for (String type : types) {
            for (int position : times.latestFirst("consents." + type)) {
                JsonNode entry = participants.get(position).path("consents").get(type);
                if (JsonFieldMerge.isPresent(entry)) {
                    consents.set(type, entry.deepCopy());
                    break;
                }
            }
        }
        merged.set("consents", consents);
    }

    /** The survivor's bookkeeping, with the applied batches of every participant (a re-delivery stays a replay). */
    private static ObjectNode internal(List<ObjectNode> participants) {
        JsonNode own = participants.get(0).get("internal");
        ObjectNode internal = own != null && own.isObject() ? own.deepCopy() : NODES.objectNode();
        List<JsonNode> batches = new ArrayList<>();
        participants.forEach(p -> batches.add(p.path("internal").path("applied_batches")));
        ArrayNode union = JsonFieldMerge.union(batches);
        while (union.size() > ProfileDocument.APPLIED_BATCHES_KEPT) {
            union.remove(0);
        }
        internal.set("applied_batches", union);
        return internal;
    }

    /** {@code data.anonymous}: no e-mail, phone or messaging-app contact is known (processing §7.3). */
    static boolean anonymous(JsonNode data) {
        JsonNode contact = data.path("contact");
        for (String group : List.of("email", "phone", "app")) {
            for (JsonNode value : contact.path(group)) {
                if (value.isTextual() ? !value.textValue().isBlank() : value.isContainerNode() ? !value.isEmpty()
                        : JsonFieldMerge.isPresent(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void put(ObjectNode root, String pointer, JsonNode value) {
        String[] segments = pointer.substring(1).split("/");
        ObjectNode parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = object(parent, segments[i]);
        }
        parent.set(segments[segments.length - 1], Objects.requireNonNull(value));
    }

    /** The object under {@code key}, replacing a missing or non-object value by an empty object. */
    static ObjectNode object(ObjectNode parent, String key) {
        JsonNode node = parent.get(key);
        return node != null && node.isObject() ? (ObjectNode) node : parent.putObject(key);
    }
}

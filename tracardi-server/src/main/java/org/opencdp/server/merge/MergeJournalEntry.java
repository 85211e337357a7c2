package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.storage.TenantScope;

/**
 * One journaled merge (domain-model §15.2): who merged into whom, why, the participants as they were before
 * ({@code snapshots}, what a revert restores) and how far applying it got. Immutable; the {@code with…} methods
 * return changed copies.
 *
 * @param ruleRef   the rule whose workflow asked for the merge ({@code {id, name}}), or null
 * @param snapshots profile id → the stored profile document before the merge; empty when read without them
 */
public record MergeJournalEntry(String id, Instant time, MergeReason reason, JsonNode ruleRef, String survivorId,
                                List<String> mergedIds, Map<String, ObjectNode> snapshots, MergeStatus status,
                                long repointedEvents, long repointedSessions, Instant revertedAt, String revertedBy) {

    public MergeJournalEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(status, "status");
        time = Times.truncate(time);
        mergedIds = List.copyOf(mergedIds);
        snapshots = Map.copyOf(snapshots);
    }

    /** A new entry in status {@code applied}. */
    public static MergeJournalEntry applied(String id, Instant time, MergeReason reason, JsonNode ruleRef, String survivorId,
                                            List<String> mergedIds, Map<String, ObjectNode> snapshots) {
        return new MergeJournalEntry(id, time, reason, ruleRef, survivorId, mergedIds, snapshots, MergeStatus.APPLIED,
                0, 0, null, null);
    }

    /** Every participant: the survivor first, then the merged-away profiles. */
    public List<String> participants() {
        List<String> all = new ArrayList<>(mergedIds.size() + 1);
        all.add(survivorId);
        all.addAll(mergedIds);
        return all;
    }

    public MergeJournalEntry withStatus(MergeStatus next) {
        return new MergeJournalEntry(id, time, reason, ruleRef, survivorId, mergedIds, snapshots, next, repointedEvents,
                repointedSessions, revertedAt, revertedBy);
    }

    public MergeJournalEntry withSnapshots(Map<String, ObjectNode> replaced) {
        return new MergeJournalEntry(id, time, reason, ruleRef, survivorId, mergedIds, replaced, status, repointedEvents,
                repointedSessions, revertedAt, revertedBy);
    }

    public MergeJournalEntry withRepointed(long events, long sessions) {
        return new MergeJournalEntry(id, time, reason, ruleRef, survivorId, mergedIds, snapshots, status, events, sessions,
                revertedAt, revertedBy);
    }

    public MergeJournalEntry reverted(Instant at, String by) {
        return new MergeJournalEntry(id, time, reason, ruleRef, survivorId, mergedIds, snapshots, MergeStatus.REVERTED,
                repointedEvents, repointedSessions, at, by);
    }

    /** The stored and API form; {@code withSnapshots = false} for every API answer. */
    public ObjectNode toJson(TenantScope scope, boolean withSnapshots) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("tenant", scope.tenant().name());
        json.put("production", scope.production());
        json.set("time", Times.toJson(time));
        json.put("reason", reason.label());
        json.set("rule_ref", ruleRef == null ? JsonNodeFactory.instance.nullNode() : ruleRef.deepCopy());
        json.put("survivor_id", survivorId);
        ArrayNode merged = json.putArray("merged_ids");
        mergedIds.forEach(merged::add);
        if (withSnapshots) {
            ObjectNode stored = json.putObject("snapshots");
            snapshots.forEach(stored::set);
        }
        json.put("status", status.label());
        json.putObject("repointed").put("events", repointedEvents).put("sessions", repointedSessions);
        json.set("reverted_at", Times.toJson(revertedAt));
        json.put("reverted_by", revertedBy);
        return json;
    }

    /** Reads the stored form; a missing {@code snapshots} object reads as none. */
    public static MergeJournalEntry fromJson(JsonNode json) {
        List<String> merged = new ArrayList<>();
        json.path("merged_ids").forEach(id -> merged.add(id.asText()));
        Map<String, ObjectNode> snapshots = new LinkedHashMap<>();
        json.path("snapshots").properties().forEach(entry -> {
            if (entry.getValue().isObject()) {
                snapshots.put(entry.getKey(), (ObjectNode) entry.getValue());
            }
        });
        JsonNode rule = json.path("rule_ref");
        return new MergeJournalEntry(json.path("id").asText(),
                Times.parse(json.path("time")).orElseThrow(() -> new IllegalArgumentException("journal entry without time")),
                MergeReason.parse(json.path("reason").asText()).orElse(MergeReason.API),
                rule.isObject() ? rule : null, json.path("survivor_id").asText(), merged, snapshots,
                MergeStatus.parse(json.path("status").asText("applied")), json.path("repointed").path("events").asLong(0),
                json.path("repointed").path("sessions").asLong(0), Times.parse(json.path("reverted_at")).orElse(null),
                json.path("reverted_by").isTextual() ? json.path("reverted_by").asText() : null);
    }
}

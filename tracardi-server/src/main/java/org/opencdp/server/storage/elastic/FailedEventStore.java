package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticHttp.WriteMode;

/**
 * The failed-events store (processing §12, domain-model §15.3): events that failed validation, mapping,
 * indexing or processing, kept for inspection and replay. A record's id is the event id and the attempt,
 * so recording the same failure again overwrites it; it goes to the partition of the failure time.
 */
public final class FailedEventStore {

    private final ElasticHttp http;
    private final PartitionRegistry partitions;
    private final Clock clock;

    public FailedEventStore(ElasticStore elastic, PartitionRegistry partitions, ObjectMapper json, Clock clock) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The record id of an event's failure at an attempt: {@code {event id}-{attempts}}. */
    public static String recordId(String eventId, int attempts) {
        return eventId + "-" + attempts;
    }

    public String record(TenantScope scope, String batchId, FailureStage stage, String reason, int attempts,
                         String sourceId, String profileId, String sessionId, ObjectNode event) {
        return record(scope, batchId, stage, reason, attempts, sourceId, profileId, sessionId, event, Refresh.NONE);
    }

    /**
     * Stores one failed event and returns the record id. An event without an id (it should always have one,
     * collector F5) gets a random record id. {@code profileId} and {@code sessionId} may be null.
     */
    public String record(TenantScope scope, String batchId, FailureStage stage, String reason, int attempts,
                         String sourceId, String profileId, String sessionId, ObjectNode event, Refresh refresh) {
        Objects.requireNonNull(stage, "stage");
        String eventId = event == null ? "" : event.path("id").asText("");
        String id = recordId(eventId.isBlank() ? "unknown-" + UUID.randomUUID() : eventId, attempts);
        Instant time = clock.instant();
        ObjectNode document = http.json().createObjectNode();
        document.put("id", id);
        document.put("time", ElasticTimes.format(time));
        document.put("tenant", scope.tenant().name());
        document.put("production", scope.production());
        document.put("stage", stage.label());
        document.put("reason", reason == null ? "" : reason);
        document.put("attempts", attempts);
        document.put("batch_id", batchId);
        document.put("source_id", sourceId);
        document.put("profile_id", profileId);
        document.put("session_id", sessionId);
        document.set("event", event == null ? http.json().createObjectNode() : event);
        http.write(partitions.ensure(scope, IndexKind.FAILED_EVENT, time), id, document, WriteMode.OVERWRITE, null, refresh);
        return id;
    }

    /** A failed-event record by its id, searched through the alias (near-real-time). */
    public Optional<ObjectNode> get(TenantScope scope, String id) {
        return http.searchById(alias(scope), id, 1).stream().findFirst().map(Versioned::document);
    }

    public long count(TenantScope scope) {
        return http.count(alias(scope));
    }

    public void refresh(TenantScope scope) {
        http.refreshIndices(alias(scope));
    }

    private String alias(TenantScope scope) {
        return partitions.names().alias(scope, IndexKind.FAILED_EVENT);
    }
}

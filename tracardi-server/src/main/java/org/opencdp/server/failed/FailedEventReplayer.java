package org.opencdp.server.failed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.collector.track.IdentityResolver;
import org.opencdp.server.collector.track.TrackService;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.queue.BatchQueue;
import org.opencdp.server.queue.QueueMessage;
import org.opencdp.server.queue.QueueUnavailableException;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.TenantScope;

/**
 * Re-enqueues a failed event (domain-model §15.3) as a new batch of one event that keeps the original event id
 * and insert time, so a successful replay stores the event where it would have been and a repeated replay
 * overwrites it instead of duplicating it. Identities are resolved again as the collector would (processing §5),
 * since the session or profile may have changed since the failure.
 */
public final class FailedEventReplayer {

    /** The failed-event record cannot be replayed (no event id or type, its source is gone). */
    public static final class NotReplayable extends Exception {
        public NotReplayable(String message) {
            super(message);
        }
    }

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json;
    private final EventSourceDao sources;
    private final IdentityResolver identities;
    private final BatchQueue queue;
    private final Clock clock;

    public FailedEventReplayer(ObjectMapper json, EventSourceDao sources, IdentityResolver identities, BatchQueue queue,
                               Clock clock) {
        this.json = json;
        this.sources = sources;
        this.identities = identities;
        this.queue = queue;
        this.clock = clock;
    }

    /** Publishes the replay batch and returns its id; fails with {@link QueueUnavailableException} when the queue refuses. */
    public String replay(TenantScope scope, ObjectNode record) throws NotReplayable {
        JsonNode event = record.path("event");
        String eventId = text(event, "id");
        String type = text(event, "type");
        if (eventId == null || type == null) {
            throw new NotReplayable("The failed event has no event id or type and cannot be replayed");
        }
        String sourceId = text(record, "source_id");
        EventSource source = sourceId == null ? null : sources.find(scope, sourceId).orElse(null);
        if (source == null) {
            throw new NotReplayable("Event source " + sourceId + " of the failed event no longer exists");
        }
        Instant now = clock.instant();
        boolean profileLess = event.at("/metadata/profile_less").asBoolean(false) || text(record, "profile_id") == null;
        IdentityResolver.Identity identity = identities.resolve(scope, text(record, "session_id"), text(record, "profile_id"),
                profileLess, now);
        String insert = firstText(event, "/insert", "/metadata/time/insert");
        if (insert == null || Times.parse(json.getNodeFactory().textNode(insert)).isEmpty()) {
            insert = Times.format(Times.parse(record.path("time")).orElse(now));
        }
        BatchRecord.EventRecord replayed = new BatchRecord.EventRecord(eventId, type, insert,
                firstText(event, "/create", "/metadata/time/create"), object(event.get("properties")),
                object(event.get("context")), object(event.has("options") ? event.get("options") : event.get("config")),
                tags(event.get("tags")));
        String batchId = UUID.randomUUID().toString();
        BatchRecord batch = new BatchRecord(batchId, scope.tenant().name(), scope.production(), Times.format(now),
                new BatchRecord.Source(source.id(), source.type(), source.channel(), source.ephemeral()), null, Map.of(),
                profileLess, json.createObjectNode(), json.createObjectNode(), json.createObjectNode(),
                new BatchRecord.Resolution(identity.sessionId(), identity.sessionKnown(), Times.format(identity.sessionStart()),
                        identity.profileId(), identity.profileKnown(), identity.rebind()),
                List.of(replayed), false, false, null);
        publish(batch);
        return batchId;
    }

    private void publish(BatchRecord batch) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(batch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QueueMessage message = new QueueMessage(batch.partitionKey(), payload,
                Map.of("tenant", batch.tenant(), "production", Boolean.toString(batch.production())));
        try {
            queue.publish(TrackService.BATCHES_TOPIC, message).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailableException("interrupted while publishing the replay", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QueueUnavailableException unavailable) {
                throw unavailable;
            }
            throw new QueueUnavailableException("the replay was not accepted: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new QueueUnavailableException("the queue did not acknowledge the replay in time", e);
        }
    }

    private ObjectNode object(JsonNode value) {
        return value != null && value.isObject() ? ((ObjectNode) value).deepCopy() : json.createObjectNode();
    }

    private static List<String> tags(JsonNode tags) {
        JsonNode values = tags != null && tags.isObject() ? tags.get("values") : tags;
        List<String> result = new ArrayList<>();
        if (values != null && values.isArray()) {
            values.forEach(tag -> {
                if (tag.isTextual()) {
                    result.add(tag.textValue());
                }
            });
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static String firstText(JsonNode node, String... pointers) {
        for (String pointer : pointers) {
            JsonNode value = node.at(pointer);
            if (value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue();
            }
        }
        return null;
    }
}

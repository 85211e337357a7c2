package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencdp.server.collector.track.BatchMessages;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.queue.DeadLetterListener;
import org.opencdp.server.queue.Delivery;
import org.opencdp.server.queue.GroupMessageHandler;
import org.opencdp.server.queue.HeldBackException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.FailedEventStore;
import org.opencdp.server.storage.elastic.FailureStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds queue deliveries to the {@link BatchProcessor}; a batch that keeps failing is dead-lettered with
 * every event in the failed-events store and an error completion record, so it never blocks its profile
 * and its client hears about it (processing §12).
 */
public final class BatchConsumer implements GroupMessageHandler, DeadLetterListener {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);

    private final ObjectMapper json;
    private final BatchProcessor processor;
    private final FailedEventStore failedEvents;
    private final CompletionRecords completions;
    private final BatchGroupProcessor groups;
    private final int maxGroup;
    private final BatchMessages messages;

    /** Handles one batch per call. */
    public BatchConsumer(ObjectMapper json, BatchProcessor processor, FailedEventStore failedEvents,
                         CompletionRecords completions) {
        this(json, processor, failedEvents, completions, null, 1);
    }

    /** @param groups processes the batches of up to {@code maxGroup} keys together (null: one at a time) */
    public BatchConsumer(ObjectMapper json, BatchProcessor processor, FailedEventStore failedEvents,
                         CompletionRecords completions, BatchGroupProcessor groups, int maxGroup) {
        this.json = json;
        this.processor = processor;
        this.failedEvents = failedEvents;
        this.completions = completions;
        this.groups = groups;
        this.maxGroup = groups == null ? 1 : maxGroup;
        this.messages = new BatchMessages(json);
    }

    @Override
    public void handle(Delivery delivery) throws Exception {
        processor.process(messages.read(delivery.message().payload()));
    }

    @Override
    public List<Exception> handleAll(List<Delivery> deliveries) throws InterruptedException {
        Exception[] failures = new Exception[deliveries.size()];
        if (groups == null) {
            for (int i = 0; i < deliveries.size(); i++) {
                try {
                    handle(deliveries.get(i));
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    failures[i] = e;
                }
            }
            return Arrays.asList(failures);
        }
        List<Integer> parsed = new ArrayList<>(deliveries.size());
        List<BatchRecord> batches = new ArrayList<>(deliveries.size());
        List<String> keys = new ArrayList<>(deliveries.size());
        Set<String> unreadable = new HashSet<>();
        for (int i = 0; i < deliveries.size(); i++) {
            String key = deliveries.get(i).message().key();
            if (unreadable.contains(key)) {
                failures[i] = new HeldBackException("an earlier message of key " + key + " could not be read");
                continue;
            }
            try {
                batches.add(messages.read(deliveries.get(i).message().payload()));
                keys.add(key);
                parsed.add(i);
            } catch (IOException e) {
                failures[i] = e;
                unreadable.add(key);
            }
        }
        List<Exception> outcomes = groups.processAll(batches, keys);
        for (int j = 0; j < parsed.size(); j++) {
            failures[parsed.get(j)] = outcomes.get(j);
        }
        return Arrays.asList(failures);
    }

    @Override
    public int maxGroup() {
        return maxGroup;
    }

    @Override
    public void deadLettered(Delivery delivery, Exception lastFailure) {
        String reason = lastFailure.getClass().getSimpleName() + ": " + lastFailure.getMessage();
        try {
            BatchRecord batch = messages.read(delivery.message().payload());
            TenantScope scope = BatchProcessor.scopeOf(batch);
            for (BatchRecord.EventRecord event : batch.events()) {
                failedEvents.record(scope, batch.batchId(), FailureStage.PROCESSING, reason, delivery.attempt(),
                        batch.source().id(), batch.resolution().profileId(), batch.resolution().sessionId(),
                        json.valueToTree(event));
            }
            BatchOutcome failed = new BatchOutcome(batch.resolution().profileId(), batch.resolution().sessionId(),
                    json.createArrayNode(), json.createObjectNode(), List.of(), new BatchOutcome.Saved(0, 0, 0),
                    List.of("Batch " + batch.batchId() + ": processing failed (" + reason + ")"), List.of());
            completions.complete(scope, batch.batchId(), json.writeValueAsString(failed));
        } catch (Exception e) {
            LOG.error("dead-lettered message {} could not be recorded as failed events: {}", delivery.messageId(), e.getMessage());
        }
    }
}

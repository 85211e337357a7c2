package org.opencdp.server.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.pulsar.client.api.BatcherBuilder;
import org.apache.pulsar.client.api.HashingScheme;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One producer per topic, created lazily and asynchronously, so that publishing never waits for the
 * broker. A failed creation is remembered for a moment: publishes during an outage fail at once instead of
 * each starting a creation that waits for the operation timeout.
 */
final class PulsarProducers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarProducers.class);
    private static final long RETRY_CREATION_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * A producer being created, created, or failed (and when). Sends that arrive during creation wait in a
     * FIFO and run in arrival order once it completes: chaining them on the creation future instead would
     * run them in reverse (a future's dependents form a stack) and break per-key order.
     */
    private static final class Slot {
        final CompletableFuture<Producer<byte[]>> producer;
        final long startedNanos = System.nanoTime();
        volatile long failedNanos;
        private volatile Producer<byte[]> created;
        private volatile Throwable failure;
        /** Null once creation completed. */
        private ArrayDeque<BiConsumer<Producer<byte[]>, Throwable>> waiting = new ArrayDeque<>();

        Slot(CompletableFuture<Producer<byte[]>> producer) {
            this.producer = producer;
            producer.whenComplete(this::completed);
        }

        void use(BiConsumer<Producer<byte[]>, Throwable> action) {
            synchronized (this) {
                if (waiting != null) {
                    waiting.add(action);
                    return;
                }
            }
            run(action);
        }

        private void completed(Producer<byte[]> producer, Throwable error) {
            created = producer;
            failure = error;
            if (error != null) {
                failedNanos = System.nanoTime();
            }
            synchronized (this) {
                // poll, not iterate: a callback of a failed send may publish again on this thread.
                for (BiConsumer<Producer<byte[]>, Throwable> action; (action = waiting.poll()) != null; ) {
                    run(action);
                }
                waiting = null;
            }
        }

        private void run(BiConsumer<Producer<byte[]>, Throwable> action) {
            try {
                action.accept(created, failure);
            } catch (RuntimeException e) {
                LOG.error("A send waiting for a Pulsar producer failed", e);
            }
        }
    }

    private final PulsarClient client;
    private final Duration sendTimeout;
    private final int maxPending;
    private final long stuckCreationNanos;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    PulsarProducers(PulsarClient client, Duration sendTimeout, int maxPending) {
        this.client = client;
        this.sendTimeout = sendTimeout;
        this.maxPending = maxPending;
        // Creation fails on its own after the client's operation timeout; this only guards against a hang.
        this.stuckCreationNanos = sendTimeout.toNanos() * 4 + TimeUnit.SECONDS.toNanos(10);
    }

    /**
     * Runs {@code action} with the topic's producer, or with the creation failure, once it is known; calls
     * for one topic run in the order they were made. Right after a failed creation it fails at once.
     */
    void use(String topic, BiConsumer<Producer<byte[]>, Throwable> action) {
        slots.compute(topic, (name, slot) -> usable(slot) ? slot : new Slot(create(name))).use(action);
    }

    /** Forgets a producer that the client closed (for example after the topic was deleted). */
    void discard(String topic, Producer<byte[]> producer) {
        slots.computeIfPresent(topic, (name, slot) -> slot.created == producer ? null : slot);
    }

    private boolean usable(Slot slot) {
        if (slot == null) {
            return false;
        }
        long now = System.nanoTime();
        if (!slot.producer.isDone()) {
            if (now - slot.startedNanos < stuckCreationNanos) {
                return true;
            }
            slot.producer.thenAccept(Producer::closeAsync);
            return false;
        }
        if (slot.producer.isCompletedExceptionally()) {
            long failed = slot.failedNanos;
            return failed == 0 || now - failed < RETRY_CREATION_AFTER_NANOS;
        }
        return true;
    }

    private CompletableFuture<Producer<byte[]>> create(String topic) {
        return client.newProducer(Schema.BYTES)
                .topic(topic)
                .enableBatching(true)
                // One batch per key: Key_Shared consumers then receive each key's messages whole and in order.
                .batcherBuilder(BatcherBuilder.KEY_BASED)
                .batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS)
                .hashingScheme(HashingScheme.Murmur3_32Hash)
                .blockIfQueueFull(false)
                .maxPendingMessages(maxPending)
                .sendTimeout((int) Math.max(1, sendTimeout.toMillis()), TimeUnit.MILLISECONDS)
                .createAsync();
    }

    /** Flushes and closes every producer, waiting at most the send timeout. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = slots.values().stream()
                .map(slot -> slot.producer.thenCompose(Producer::closeAsync).exceptionally(error -> null))
                .toList();
        slots.clear();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Pulsar producers did not close within the send timeout", e);
        }
    }
}

package org.opencdp.server.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClientException;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.opencdp.server.storage.queue.PulsarQueue;
import org.opencdp.server.storage.queue.TopicNames;

/**
 * The production {@link BatchQueue} on Apache Pulsar (processing §2.2, §11, §12). Publishing is
 * asynchronous and bounded: a future per message that completes on the broker's acknowledgement and fails
 * with {@link QueueUnavailableException} after {@code queue.sendTimeout}, or at once when
 * {@code collector.backpressure.producerMaxPending} sends are pending. Consuming goes through a
 * {@code Key_Shared} subscription and the shared {@link ConsumerLoop}. The Pulsar client belongs to the
 * {@link PulsarQueue} and is not closed here.
 *
 * <p>Futures complete on Pulsar's I/O threads: callers must not block in their callbacks.
 */
public final class PulsarBatchQueue implements BatchQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PulsarQueue pulsar;
    private final TopicNames topics;
    private final PulsarAdminClient admin;
    private final Duration sendTimeout;
    private final int maxPending;
    private final PulsarProducers producers;
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledExecutorService deadlines;
    private final Set<ConsumerLoop> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public PulsarBatchQueue(PulsarQueue pulsar, Duration sendTimeout, int producerMaxPending) {
        if (sendTimeout.isNegative() || sendTimeout.isZero() || producerMaxPending < 1) {
            throw new IllegalArgumentException("need a positive send timeout and producerMaxPending");
        }
        this.pulsar = pulsar;
        this.topics = pulsar.topics();
        this.admin = pulsar.admin();
        this.sendTimeout = sendTimeout;
        this.maxPending = producerMaxPending;
        this.producers = new PulsarProducers(pulsar.client(), sendTimeout, producerMaxPending);
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "queue-send-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** With {@code queue.sendTimeout} and {@code collector.backpressure.producerMaxPending}. */
    public static PulsarBatchQueue of(PulsarQueue pulsar, TracardiConfiguration config) {
        return new PulsarBatchQueue(pulsar, config.queue().sendTimeout(), config.collector().backpressure().producerMaxPending());
    }

    @Override
    public CompletableFuture<Void> publish(String topic, QueueMessage message) {
        if (closed) {
            return CompletableFuture.failedFuture(new QueueUnavailableException("the queue is closed", null));
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new QueueUnavailableException(maxPending
                    + " sends are pending (collector.backpressure.producerMaxPending)", null));
        }
        String fullTopic = topics.topic(topic);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        // The producer's own send timeout is checked by a timer that can fire late; this deadline is exact.
        ScheduledFuture<?> deadline = deadlines.schedule(() -> acknowledged.completeExceptionally(
                new QueueUnavailableException("no acknowledgement from Pulsar for " + fullTopic + " within "
                        + sendTimeout.toMillis() + " ms (queue.sendTimeout)", null)), sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        acknowledged.whenComplete((ignored, error) -> {
            deadline.cancel(false);
            pending.decrementAndGet();
        });
        producers.use(fullTopic, (producer, creationFailure) -> {
            if (creationFailure != null) {
                acknowledged.completeExceptionally(unavailable(fullTopic, creationFailure));
                return;
            }
            try {
                send(fullTopic, producer, message).whenComplete((id, error) -> {
                    if (error == null) {
                        acknowledged.complete(null);
                    } else {
                        acknowledged.completeExceptionally(unavailable(fullTopic, error));
                    }
                });
            } catch (RuntimeException e) {
                acknowledged.completeExceptionally(unavailable(fullTopic, e));
            }
        });
        return acknowledged;
    }

    /**
     * Creates the topic's producer now rather than on the first publish; the future completes when it is
     * ready. A cold client needs a connection, a lookup and a producer per partition, which can take longer
     * than the send timeout, so a collector calls this at start instead of failing its first requests.
     */
    public CompletableFuture<Void> prepare(String topic) {
        String fullTopic = topics.topic(topic);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        producers.use(fullTopic, (producer, failure) -> {
            if (failure == null) {
                ready.complete(null);
            } else {
                ready.completeExceptionally(unavailable(fullTopic, failure));
            }
        });
        return ready;
    }

    private CompletableFuture<?> send(String fullTopic, Producer<byte[]> producer, QueueMessage message) {
        return producer.newMessage()
                .key(message.key())
                .value(message.payload())
                .properties(message.properties())
                .sendAsync()
                .whenComplete((id, error) -> {
                    if (unwrap(error) instanceof PulsarClientException.AlreadyClosedException) {
                        producers.discard(fullTopic, producer);
                    }
                });
    }

    private static QueueUnavailableException unavailable(String topic, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof QueueUnavailableException unavailable) {
            return unavailable;
        }
        return new QueueUnavailableException("Pulsar did not take a message for " + topic + ": " + cause.getMessage(), cause);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public int pendingSends() {
        return pending.get();
    }

    /**
     * Subscribes through the {@code Key_Shared} subscription (normally created by {@code migrate}).
     *
     * @throws QueueUnavailableException when the broker cannot be reached within the operation timeout
     */
    @Override
    public Subscription subscribe(String topic, String subscription, MessageHandler handler, ConsumerOptions options) {
        ConsumerLoop.validate(handler, options);
        if (closed) {
            throw new QueueUnavailableException("the queue is closed", null);
        }
        PulsarMessageSource source;
        try {
            source = PulsarMessageSource.subscribe(pulsar.client(), topics.topic(topic), subscription,
                    ConsumerLoop.capacity(options.threads()));
        } catch (PulsarClientException e) {
            throw new QueueUnavailableException("cannot subscribe " + subscription + " to " + topics.topic(topic) + ": "
                    + e.getMessage(), e);
        }
        String deadLetterTopic = DeadLetters.topic(topic, subscription);
        ConsumerLoop[] self = new ConsumerLoop[1];
        self[0] = new ConsumerLoop(topic + "-" + subscription, source, handler, options,
                message -> publish(deadLetterTopic, message), () -> subscriptions.remove(self[0]));
        subscriptions.add(self[0]);
        return self[0].start();
    }

    /**
     * The subscription's {@code msgBacklog} (entries not yet acknowledged) from the admin REST API, summed
     * over the partitions; a non-partitioned topic (a dead-letter topic) is read from its plain stats.
     *
     * @throws QueueUnavailableException when the admin API cannot answer
     */
    @Override
    public long backlog(String topic, String subscription) {
        try {
            PulsarAdminClient.Reply reply = admin.get(topics.adminPath(topic) + "/partitioned-stats?perPartition=true");
            if (reply.status() == 404) {
                reply = admin.get(topics.adminPath(topic) + "/stats");
            }
            if (!reply.ok()) {
                throw new QueueUnavailableException("Pulsar admin answered " + reply.status() + " for the stats of "
                        + topics.topic(topic) + ": " + reply.body(), null);
            }
            JsonNode stats = JSON.readTree(reply.body());
            JsonNode partitions = stats.path("partitions");
            if (!partitions.isObject() || partitions.isEmpty()) {
                return stats.path("subscriptions").path(subscription).path("msgBacklog").asLong(0);
            }
            long sum = 0;
            for (JsonNode partition : partitions) {
                sum += partition.path("subscriptions").path(subscription).path("msgBacklog").asLong(0);
            }
            return sum;
        } catch (IOException e) {
            throw new QueueUnavailableException("Pulsar admin at " + admin.description() + " (queue.pulsar.adminUrl): "
                    + e.getMessage(), e);
        }
    }

    /** Closes the subscriptions, then flushes and closes the producers; the client stays open. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(subscriptions).forEach(ConsumerLoop::close);
        producers.close();
        deadlines.shutdownNow();
    }
}

package org.opencdp.server.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process {@link BatchQueue} for unit tests of other code, with the semantics of the Pulsar one:
 * per-key order across consumers, attempts, backoff, dead-letter topics, re-delivery of what a closed
 * consumer left unacknowledged, and a bounded size. Server roles reject it by configuration validation.
 *
 * <p>Like {@code migrate}, it starts with the subscriptions {@code batches/workers},
 * {@code outbox/dispatchers} and their dead-letter topics' {@code dead-letter} subscriptions; a message
 * published to a topic is kept once for each of the topic's subscriptions, and is dropped when the topic
 * has none (as Pulsar does without retention).
 */
public final class InMemoryBatchQueue implements BatchQueue {

    /** The default bound: messages retained per subscription. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Object lock = new Object();
    private final Map<String, Map<String, InMemoryLog>> topics = new LinkedHashMap<>();
    private final Map<String, Long> sequences = new LinkedHashMap<>();
    private final Set<ConsumerLoop> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean available = true;
    private volatile boolean closed;

    public InMemoryBatchQueue() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryBatchQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        createSubscription("batches", "workers");
        createSubscription("outbox", "dispatchers");
    }

    /**
     * Creates a subscription (and the dead-letter topic's subscription) if missing, as {@code migrate}
     * does; messages published from now on are kept for it.
     */
    public void createSubscription(String topic, String subscription) {
        synchronized (lock) {
            topics.computeIfAbsent(topic, name -> new LinkedHashMap<>()).computeIfAbsent(subscription, name -> new InMemoryLog());
            if (!subscription.equals(DeadLetters.SUBSCRIPTION)) {
                topics.computeIfAbsent(DeadLetters.topic(topic, subscription), name -> new LinkedHashMap<>())
                        .computeIfAbsent(DeadLetters.SUBSCRIPTION, name -> new InMemoryLog());
            }
        }
    }

    /** Simulates a broker outage: while false, every publish fails with {@link QueueUnavailableException}. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, QueueMessage message) {
        if (closed || !available) {
            return CompletableFuture.failedFuture(new QueueUnavailableException(
                    closed ? "the in-memory queue is closed" : "the in-memory queue is marked unavailable", null));
        }
        synchronized (lock) {
            List<InMemoryLog> logs = new ArrayList<>(topics.getOrDefault(topic, Map.of()).values());
            for (InMemoryLog log : logs) {
                if (log.backlog() >= capacity) {
                    return CompletableFuture.failedFuture(new QueueUnavailableException(
                            "the in-memory queue holds " + capacity + " messages of " + topic + " already", null));
                }
            }
            long sequence = sequences.merge(topic, 1L, Long::sum);
            for (InMemoryLog log : logs) {
                log.append(sequence, topic + ":" + sequence, message);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Always 0: an in-memory publish completes at once. */
    @Override
    public int pendingSends() {
        return 0;
    }

    @Override
    public Subscription subscribe(String topic, String subscription, MessageHandler handler, ConsumerOptions options) {
        ConsumerLoop.validate(handler, options);
        if (closed) {
            throw new QueueUnavailableException("the in-memory queue is closed", null);
        }
        createSubscription(topic, subscription);
        InMemoryLog log;
        synchronized (lock) {
            log = topics.get(topic).get(subscription);
        }
        String deadLetterTopic = DeadLetters.topic(topic, subscription);
        ConsumerLoop[] self = new ConsumerLoop[1];
        self[0] = new ConsumerLoop(topic + "-" + subscription, log.open(), handler, options,
                message -> publish(deadLetterTopic, message), () -> subscriptions.remove(self[0]));
        subscriptions.add(self[0]);
        return self[0].start();
    }

    @Override
    public long backlog(String topic, String subscription) {
        synchronized (lock) {
            InMemoryLog log = topics.getOrDefault(topic, Map.of()).get(subscription);
            return log == null ? 0 : log.backlog();
        }
    }

    /** Closes every subscription; publishing fails from then on. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(subscriptions).forEach(ConsumerLoop::close);
    }
}

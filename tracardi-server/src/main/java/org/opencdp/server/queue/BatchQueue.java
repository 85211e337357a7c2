package org.opencdp.server.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The durable, at-least-once queue between collectors and workers (processing §2.2). Topics are short
 * names ({@code batches}, {@code outbox}) inside the configured namespace; they, their subscriptions and
 * dead-letter topics are created by {@code migrate}, not here.
 */
public interface BatchQueue extends AutoCloseable {

    /**
     * Publishes a message keyed by {@link QueueMessage#key()}. The future completes only once the broker
     * has stored the message durably; it fails with {@link QueueUnavailableException} when the broker is
     * unreachable, the send times out or too many sends are pending. Never blocks the caller.
     */
    CompletableFuture<Void> publish(String topic, QueueMessage message);

    /** Sends not yet acknowledged by the broker, for back-pressure. */
    int pendingSends();

    /**
     * Starts consuming {@code topic} through the shared-by-key subscription: messages of one key are
     * delivered in order to one handler call at a time, across every consumer of the subscription.
     */
    Subscription subscribe(String topic, String subscription, MessageHandler handler, ConsumerOptions options);

    /** Messages published but not yet acknowledged on a subscription. */
    long backlog(String topic, String subscription);

    /** A running consumer; closing it stops deliveries (unacknowledged messages are re-delivered elsewhere). */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * How a consumer processes: handler threads, attempts before dead-lettering, the backoff of transient
     * failures, and who hears about dead-lettered messages.
     */
    record ConsumerOptions(int threads, int maxAttempts, Duration minBackoff, Duration maxBackoff,
                           DeadLetterListener deadLetters) {

        public static ConsumerOptions defaults(int threads, int maxAttempts, DeadLetterListener deadLetters) {
            return new ConsumerOptions(threads, maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(5), deadLetters);
        }
    }

    @Override
    void close();
}

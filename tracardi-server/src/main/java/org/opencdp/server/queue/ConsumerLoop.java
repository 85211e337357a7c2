package org.opencdp.server.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running subscription, shared by both queue implementations: one thread receives from the
 * {@link MessageSource} in order and hands each message to a {@link KeyedExecutor} as a
 * {@link RetryingDelivery}, so a key is handled by one thread at a time, in order, while other keys run
 * on the other threads.
 */
final class ConsumerLoop implements BatchQueue.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration AFTER_RECEIVE_FAILURE = Duration.ofSeconds(1);
    /** How long close waits for running handlers before interrupting them. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final MessageSource source;
    private final MessageHandler handler;
    private final BatchQueue.ConsumerOptions options;
    private final Function<QueueMessage, CompletableFuture<Void>> deadLetterTopic;
    private final KeyedExecutor executor;
    private final Runnable onClose;
    private final Thread receiver;
    private volatile boolean closed;

    ConsumerLoop(String name, MessageSource source, MessageHandler handler, BatchQueue.ConsumerOptions options,
                 Function<QueueMessage, CompletableFuture<Void>> deadLetterTopic, Runnable onClose) {
        this.name = name;
        this.source = source;
        this.handler = handler;
        this.options = options;
        this.deadLetterTopic = deadLetterTopic;
        this.executor = handler instanceof GroupMessageHandler grouping && grouping.maxGroup() > 1
                ? new KeyedExecutor("queue-" + name, options.threads(), capacity(options.threads()), grouping.maxGroup(),
                        tasks -> RetryingDelivery.runAll(tasks, grouping))
                : new KeyedExecutor("queue-" + name, options.threads(), capacity(options.threads()));
        this.onClose = onClose;
        this.receiver = new Thread(this::receive, "queue-" + name + "-receiver");
        this.receiver.setDaemon(true);
    }

    /** Messages a consumer holds in its lanes at most (received, not yet acknowledged). */
    static int capacity(int threads) {
        return Math.max(64, threads * 16);
    }

    /** Rejects options no consumer can run with. */
    static void validate(MessageHandler handler, BatchQueue.ConsumerOptions options) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        if (options.threads() < 1 || options.maxAttempts() < 1) {
            throw new IllegalArgumentException("threads and maxAttempts must be at least 1: " + options);
        }
        if (options.minBackoff() == null || options.maxBackoff() == null || options.minBackoff().isNegative()
                || options.maxBackoff().compareTo(options.minBackoff()) < 0) {
            throw new IllegalArgumentException("need 0 <= minBackoff <= maxBackoff: " + options);
        }
    }

    ConsumerLoop start() {
        receiver.start();
        return this;
    }

    private void receive() {
        while (!closed) {
            try {
                Inbound inbound = source.receive(POLL);
                if (inbound != null && !executor.submit(inbound.message().key(),
                        new RetryingDelivery(inbound, handler, options, deadLetterTopic))) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Receiving from {} failed; retrying in {}", name, AFTER_RECEIVE_FAILURE, e);
                try {
                    Thread.sleep(AFTER_RECEIVE_FAILURE.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Stops deliveries: no new handler call starts, running ones get {@link #CLOSE_GRACE} to finish, then
     * the source is closed so that unacknowledged messages go to the subscription's other consumers.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (!executor.close(CLOSE_GRACE)) {
                LOG.warn("Handlers of {} did not finish within {}; interrupted them", name, CLOSE_GRACE);
            }
            receiver.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
            onClose.run();
        }
    }
}

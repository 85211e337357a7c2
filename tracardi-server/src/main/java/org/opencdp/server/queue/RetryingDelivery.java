package org.opencdp.server.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one received message on one consumer: handler calls, counted attempts, backoff and the move
 * to the dead-letter topic. It runs as a {@link KeyedExecutor} task, so while it waits for a retry the
 * key's later messages wait behind it and per-key order holds.
 *
 * <p>Why the attempt count lives here: the message is held (never negatively acknowledged) until it
 * succeeds or is dead-lettered, so the broker does not re-deliver it while we retry, and this object sees
 * every handler call. That tells transient failures (not counted) from the others (counted), which Pulsar's
 * redelivery count cannot, and it keeps order, which re-publishing a copy with a count property would break.
 * The count is lost only when the consumer dies: the message then starts again at attempt 1 on another
 * consumer, so a message gets at most {@code maxAttempts} failed calls per consumer that held it.
 */
final class RetryingDelivery implements KeyedExecutor.Task {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingDelivery.class);
    /** Safety net only: the dead-letter publish fails on its own within the queue's send timeout. */
    private static final long DEAD_LETTER_WAIT_SECONDS = 60;

    private final Inbound inbound;
    private final MessageHandler handler;
    private final BatchQueue.ConsumerOptions options;
    private final Function<QueueMessage, CompletableFuture<Void>> deadLetterTopic;
    private int attempts;
    private int failures;
    private Exception lastFailure;
    private boolean deadLettered;

    /**
     * @param deadLetterTopic publishes to the subscription's dead-letter topic; the future completes on the
     *                        broker's acknowledgement
     */
    RetryingDelivery(Inbound inbound, MessageHandler handler, BatchQueue.ConsumerOptions options,
                     Function<QueueMessage, CompletableFuture<Void>> deadLetterTopic) {
        this.inbound = inbound;
        this.handler = handler;
        this.options = options;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public Duration run() throws InterruptedException {
        if (attempts >= options.maxAttempts()) {
            return deadLetter();
        }
        Exception failure = null;
        try {
            handler.handle(delivery());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failure = e;
        } catch (StackOverflowError | LinkageError | AssertionError e) {
            failure = new RuntimeException(e);
        }
        return settle(failure);
    }

    /**
     * Runs the deliveries of several keys together (a key's in their order): those with attempts left go to the
     * handler in one {@link GroupMessageHandler#handleAll} call, the others to the dead-letter topic. Returns what
     * {@link #run} would have returned for each, in order; a delivery behind one of its key that is not done
     * (held back) is not run, and answers a retry at once, which its key ignores until the earlier one is done.
     */
    static List<Duration> runAll(List<KeyedExecutor.Task> tasks, GroupMessageHandler handler) throws InterruptedException {
        Duration[] again = new Duration[tasks.size()];
        List<Integer> calling = new ArrayList<>(tasks.size());
        List<Delivery> deliveries = new ArrayList<>(tasks.size());
        Set<String> waiting = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            RetryingDelivery task = (RetryingDelivery) tasks.get(i);
            String key = task.inbound.message().key();
            if (waiting.contains(key)) {
                again[i] = Duration.ZERO;
            } else if (task.attempts >= task.options.maxAttempts()) {
                again[i] = task.deadLetter();
                if (again[i] != null) {
                    waiting.add(key);
                }
            } else {
                calling.add(i);
                deliveries.add(task.delivery());
            }
        }
        if (!calling.isEmpty()) {
            List<Exception> failures;
            try {
                failures = handler.handleAll(deliveries);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
                // The call as a whole failed: each delivery failed with it.
                Exception failure = e instanceof Exception exception ? exception : new RuntimeException(e);
                failures = Collections.nCopies(calling.size(), failure);
            }
            if (failures.size() != calling.size()) {
                throw new IllegalStateException("handler answered " + failures.size() + " of " + calling.size() + " deliveries");
            }
            for (int j = 0; j < calling.size(); j++) {
                int i = calling.get(j);
                // Held back: not attempted, so neither counted nor backed off.
                again[i] = failures.get(j) instanceof HeldBackException ? Duration.ZERO
                        : ((RetryingDelivery) tasks.get(i)).settle(failures.get(j));
            }
        }
        return Arrays.asList(again);
    }

    private Delivery delivery() {
        return new Delivery(inbound.message(), inbound.messageId(), attempts + 1);
    }

    /** After a handler call: acknowledges on success, else counts the failure and returns the wait before the next. */
    private Duration settle(Exception failure) throws InterruptedException {
        if (failure == null) {
            inbound.acknowledge();
            return null;
        }
        if (failure instanceof TransientQueueException) {
            failures++;
            Duration wait = backoff();
            LOG.debug("Transient failure of message {} (key {}); retrying in {}", inbound.messageId(),
                    inbound.message().key(), wait, failure);
            return wait;
        }
        attempts++;
        failures++;
        lastFailure = failure;
        if (attempts >= options.maxAttempts()) {
            return deadLetter();
        }
        Duration wait = backoff();
        LOG.warn("Attempt {} of {} failed for message {} (key {}); retrying in {}", attempts, options.maxAttempts(),
                inbound.messageId(), inbound.message().key(), wait, failure);
        return wait;
    }

    /** Publishes to the dead-letter topic (retried until the broker acknowledges), tells the listener, acks. */
    private Duration deadLetter() throws InterruptedException {
        if (!deadLettered) {
            try {
                deadLetterTopic.apply(deadLetterMessage()).get(DEAD_LETTER_WAIT_SECONDS, TimeUnit.SECONDS);
                deadLettered = true;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                failures++;
                Duration wait = backoff();
                LOG.warn("Could not move message {} to the dead-letter topic; retrying in {}", inbound.messageId(), wait, e);
                return wait;
            }
        }
        LOG.error("Message {} (key {}) dead-lettered after {} attempts", inbound.messageId(), inbound.message().key(),
                attempts, lastFailure);
        if (options.deadLetters() != null) {
            try {
                options.deadLetters().deadLettered(new Delivery(inbound.message(), inbound.messageId(), attempts), lastFailure);
            } catch (RuntimeException e) {
                // The dead-letter topic holds the message durably; a failing listener must not block the key.
                LOG.error("Dead-letter listener failed for message {}", inbound.messageId(), e);
            }
        }
        inbound.acknowledge();
        return null;
    }

    private QueueMessage deadLetterMessage() {
        Map<String, String> properties = new HashMap<>(inbound.message().properties());
        properties.put(DeadLetters.REASON, DeadLetters.reason(lastFailure));
        properties.put(DeadLetters.ATTEMPTS, Integer.toString(attempts));
        properties.put(DeadLetters.ORIGINAL_MESSAGE_ID, inbound.messageId());
        return new QueueMessage(inbound.message().key(), inbound.message().payload(), properties);
    }

    /** minBackoff doubling with each consecutive failure of any kind, capped at maxBackoff. */
    private Duration backoff() {
        return backoff(options.minBackoff(), options.maxBackoff(), failures);
    }

    static Duration backoff(Duration min, Duration max, int failures) {
        long minMillis = Math.max(1, min.toMillis());
        int doublings = Math.min(Math.max(0, failures - 1), 40);
        long millis = minMillis << Math.min(doublings, Long.numberOfLeadingZeros(minMillis) - 1);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}

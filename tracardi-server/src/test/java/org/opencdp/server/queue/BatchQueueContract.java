package org.opencdp.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.queue.RecordingHandler.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.server.queue.BatchQueue.ConsumerOptions;
import org.opencdp.server.queue.BatchQueue.Subscription;

/**
 * What every {@link BatchQueue} guarantees (processing §2.2, §11, §12), run against each implementation.
 * The tests of a class share one queue and the {@code batches/workers} subscription; each test consumes
 * everything it publishes, and marks its messages with a run id so that strays are ignored.
 */
abstract class BatchQueueContract {

    static final String TOPIC = "batches";
    static final String SUBSCRIPTION = "workers";
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The queue under test, shared by the class's tests. */
    abstract BatchQueue queue();

    /** A queue whose broker cannot be reached. */
    abstract BatchQueue unreachableQueue();

    /** The send timeout of {@link #unreachableQueue()}. */
    abstract Duration sendTimeout();

    String run;

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyMessageIsDeliveredAndAcknowledgedOnce() throws Exception {
        RecordingHandler handler = new RecordingHandler(run);
        try (Subscription ignored = queue().subscribe(TOPIC, SUBSCRIPTION, handler, options(4, 3))) {
            publishAll(keys(20), 20);
            await(() -> handler.count() == 400, () -> "400 deliveries, got " + handler.count());
            await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
            Thread.sleep(300);
        }
        assertThat(handler.calls()).isEqualTo(400);
        for (String key : keys(20)) {
            assertThat(handler.handled(key)).as(key).containsExactlyElementsOf(sequence(20));
        }
        assertThat(queue().pendingSends()).isZero();
    }

    @Test
    void perKeyOrderHoldsAcrossTwoConsumersOfOneSubscription() throws Exception {
        Map<String, AtomicInteger> perConsumer = new ConcurrentHashMap<>();
        RecordingHandler handler = new RecordingHandler(run, delivery -> {
            if (RecordingHandler.sequence(delivery) % 7 == 0) {
                Thread.sleep(1); // widen the window in which a second thread could overtake
            }
        });
        MessageHandler first = countingInto(perConsumer, "first", handler);
        MessageHandler second = countingInto(perConsumer, "second", handler);
        try (Subscription a = queue().subscribe(TOPIC, SUBSCRIPTION, first, options(3, 3));
             Subscription b = queue().subscribe(TOPIC, SUBSCRIPTION, second, options(3, 3))) {
            publishAll(keys(60), 25);
            await(() -> handler.count() == 1500, () -> "1500 deliveries, got " + handler.count());
        }
        assertThat(handler.overlapped()).as("two calls of one key at a time").isFalse();
        for (String key : keys(60)) {
            assertThat(handler.handled(key)).as(key).containsExactlyElementsOf(sequence(25));
        }
        assertThat(perConsumer.keySet()).as("both consumers took part").containsExactlyInAnyOrder("first", "second");
        await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
    }

    @Test
    void transientFailuresAreRetriedBeyondMaxAttemptsWithBackoffAndThenSucceed() throws Exception {
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<Delivery> deadLettered = new CopyOnWriteArrayList<>();
        RecordingHandler handler = new RecordingHandler(run, delivery -> {
            callTimes.add(System.nanoTime());
            attempts.add(delivery.attempt());
            if (callTimes.size() <= 5) {
                throw new TransientQueueException("backend down");
            }
        });
        ConsumerOptions options = new ConsumerOptions(2, 2, Duration.ofMillis(20), Duration.ofMillis(80),
                (delivery, failure) -> deadLettered.add(delivery));
        try (Subscription ignored = queue().subscribe(TOPIC, SUBSCRIPTION, handler, options)) {
            publish(message(run, run + "-t", 0));
            await(() -> handler.count() == 1, () -> "a success after the transient failures");
            await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
        }
        assertThat(handler.calls()).isEqualTo(6);
        assertThat(attempts).as("transient failures are not attempts").containsOnly(1);
        assertThat(deadLettered).isEmpty();
        long[] expected = {20, 40, 80, 80, 80};
        for (int i = 0; i < expected.length; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(callTimes.get(i + 1) - callTimes.get(i));
            assertThat(gap).as("backoff before retry %d", i + 1).isGreaterThanOrEqualTo(expected[i] - 2);
        }
    }

    @Test
    void aFailingMessageIsDeadLetteredAfterMaxAttemptsWhileOtherKeysFlow() throws Exception {
        String poison = run + "-poison";
        List<Integer> poisonAttempts = new CopyOnWriteArrayList<>();
        List<String> poisonIds = new CopyOnWriteArrayList<>();
        AtomicLong lastOtherHandled = new AtomicLong();
        RecordingHandler handler = new RecordingHandler(run, delivery -> {
            if (delivery.message().key().equals(poison) && RecordingHandler.sequence(delivery) == 0) {
                poisonAttempts.add(delivery.attempt());
                poisonIds.add(delivery.messageId());
                throw new IllegalStateException("cannot process poison " + delivery.attempt());
            }
            if (!delivery.message().key().equals(poison)) {
                lastOtherHandled.set(System.nanoTime());
            }
        });
        List<Delivery> deadLettered = new CopyOnWriteArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        AtomicLong deadLetteredAt = new AtomicLong();
        // One thread: a design that parks a failing key on its thread (or lane) would hold up every other key.
        ConsumerOptions options = new ConsumerOptions(1, 3, Duration.ofMillis(300), Duration.ofMillis(600), (delivery, failure) -> {
            deadLetteredAt.set(System.nanoTime());
            deadLettered.add(delivery);
            failures.add(failure);
        });
        try (Subscription ignored = queue().subscribe(TOPIC, SUBSCRIPTION, handler, options)) {
            List<QueueMessage> messages = new ArrayList<>(List.of(message(run, poison, 0), message(run, poison, 1)));
            for (int sequence = 0; sequence < 5; sequence++) {
                for (String key : keys(8)) {
                    messages.add(message(run, key, sequence));
                }
            }
            publishAll(messages);
            await(() -> handler.count() == 41, () -> "the other 40 messages and the poison key's second one");
            Thread.sleep(300);
        }
        assertThat(poisonAttempts).containsExactly(1, 2, 3);
        assertThat(deadLettered).singleElement().satisfies(delivery -> {
            assertThat(delivery.attempt()).isEqualTo(3);
            assertThat(delivery.message().key()).isEqualTo(poison);
            assertThat(delivery.messageId()).isEqualTo(poisonIds.get(0));
        });
        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure).hasMessage("cannot process poison 3"));
        assertThat(lastOtherHandled.get()).as("other keys were done before the poison message was dead-lettered")
                .isLessThan(deadLetteredAt.get());
        assertThat(handler.handled(poison)).as("the poison key's next message waited for the dead-lettering").containsExactly(1);

        List<Delivery> inDeadLetterTopic = new CopyOnWriteArrayList<>();
        MessageHandler deadLetterReader = delivery -> {
            if (run.equals(delivery.message().properties().get(RecordingHandler.RUN))) {
                inDeadLetterTopic.add(delivery);
            }
        };
        String deadLetterTopic = DeadLetters.topic(TOPIC, SUBSCRIPTION);
        try (Subscription ignored = queue().subscribe(deadLetterTopic, DeadLetters.SUBSCRIPTION, deadLetterReader, options(1, 1))) {
            await(() -> !inDeadLetterTopic.isEmpty(), () -> "the message in " + deadLetterTopic);
            await(() -> queue().backlog(deadLetterTopic, DeadLetters.SUBSCRIPTION) == 0, () -> "an empty dead-letter backlog");
        }
        assertThat(inDeadLetterTopic).singleElement().satisfies(delivery -> {
            assertThat(delivery.message().key()).isEqualTo(poison);
            assertThat(new String(delivery.message().payload())).isEqualTo("payload-0");
            assertThat(delivery.message().properties())
                    .containsEntry(DeadLetters.ATTEMPTS, "3")
                    .containsEntry(DeadLetters.ORIGINAL_MESSAGE_ID, poisonIds.get(0))
                    .containsEntry(RecordingHandler.SEQUENCE, "0")
                    .containsEntry(DeadLetters.REASON, IllegalStateException.class.getName() + ": cannot process poison 3");
        });
        await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
    }

    @Test
    void messagesPublishedBeforeTheConsumerStartedAreDelivered() throws Exception {
        publishAll(keys(5), 4);
        RecordingHandler handler = new RecordingHandler(run);
        try (Subscription ignored = queue().subscribe(TOPIC, SUBSCRIPTION, handler, options(2, 3))) {
            await(() -> handler.count() == 20, () -> "20 deliveries, got " + handler.count());
        }
        for (String key : keys(5)) {
            assertThat(handler.handled(key)).containsExactlyElementsOf(sequence(4));
        }
        await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
    }

    @Test
    void backlogRisesWithUnconsumedMessagesAndFallsBackToZero() throws Exception {
        await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog to start from");
        // Distinct keys: with key-based batching every message is an entry of its own, which Pulsar counts.
        publishAll(keys(30), 1);
        await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 30, () -> "a backlog of 30, is " + queue().backlog(TOPIC, SUBSCRIPTION));
        RecordingHandler handler = new RecordingHandler(run);
        try (Subscription ignored = queue().subscribe(TOPIC, SUBSCRIPTION, handler, options(2, 3))) {
            await(() -> handler.count() == 30, () -> "30 deliveries");
            await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog, is " + queue().backlog(TOPIC, SUBSCRIPTION));
        }
    }

    @Test
    void publishingToAnUnreachableBrokerFailsWithinTheSendTimeout() throws Exception {
        BatchQueue unreachable = unreachableQueue();
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            CompletableFuture<Void> sent = unreachable.publish(TOPIC, message(run, run, i));
            assertThat(millisSince(start)).as("publish returns without waiting").isLessThan(500);
            assertThat(sent).failsWithin(sendTimeout().plusSeconds(2))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(QueueUnavailableException.class);
            assertThat(millisSince(start)).as("failed within the send timeout")
                    .isLessThanOrEqualTo(sendTimeout().toMillis() + 500);
        }
    }

    @Test
    void closingASubscriptionHandsItsUnacknowledgedMessagesToAnotherConsumer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        MessageHandler stuck = delivery -> {
            if (run.equals(delivery.message().properties().get(RecordingHandler.RUN))) {
                entered.incrementAndGet();
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                throw new TransientQueueException("shutting down");
            }
        };
        Subscription first = queue().subscribe(TOPIC, SUBSCRIPTION, stuck, options(2, 3));
        publishAll(keys(2), 5);
        await(() -> entered.get() >= 1, () -> "the first consumer to hold messages");
        Thread closing = new Thread(first::close);
        closing.start();
        release.countDown();
        closing.join(WAIT.toMillis());
        assertThat(closing.isAlive()).as("close finished").isFalse();

        RecordingHandler handler = new RecordingHandler(run);
        try (Subscription ignored = queue().subscribe(TOPIC, SUBSCRIPTION, handler, options(2, 3))) {
            await(() -> handler.count() == 10, () -> "10 deliveries to the second consumer, got " + handler.count());
        }
        for (String key : keys(2)) {
            assertThat(handler.handled(key)).containsExactlyElementsOf(sequence(5));
        }
        await(() -> queue().backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
    }

    // --- helpers ---

    static ConsumerOptions options(int threads, int maxAttempts) {
        return new ConsumerOptions(threads, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(50), (delivery, failure) -> { });
    }

    List<String> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> run + "-k" + i).toList();
    }

    static List<Integer> sequence(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    /** Publishes {@code perKey} messages to each key, interleaving the keys, and waits for every ack. */
    void publishAll(List<String> keys, int perKey) throws Exception {
        List<QueueMessage> messages = new ArrayList<>();
        for (int sequence = 0; sequence < perKey; sequence++) {
            for (String key : keys) {
                messages.add(message(run, key, sequence));
            }
        }
        publishAll(messages);
    }

    /** Publishes without waiting in between (one key's sends stay in order), then waits for every ack. */
    void publishAll(List<QueueMessage> messages) throws Exception {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (QueueMessage message : messages) {
            sent.add(queue().publish(TOPIC, message));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void publish(QueueMessage message) throws Exception {
        queue().publish(TOPIC, message).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static MessageHandler countingInto(Map<String, AtomicInteger> counts, String name, MessageHandler handler) {
        return delivery -> {
            counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            handler.handle(delivery);
        };
    }

    static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what.get());
            }
            Thread.sleep(20);
        }
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}

package org.opencdp.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.queue.RecordingHandler.message;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jackson.Jackson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.config.ConfigLoader;
import org.opencdp.server.migrate.MigrationReport;
import org.opencdp.server.migrate.MigrationService;
import org.opencdp.server.queue.BatchQueue.Subscription;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.opencdp.server.storage.queue.PulsarQueue;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * The queue contract on the local Pulsar broker, in a namespace of its own migrated in-process (so the
 * 4-partition topics, the {@code workers} subscription at the earliest message and the dead-letter topics
 * exist), plus what only a real broker shows: a crashed consumer's messages and the pending-send bound.
 */
class PulsarBatchQueueIT extends BatchQueueContract {

    private static final Namespace NAMESPACE = TestStack.newNamespace("queue");
    private static TracardiConfiguration config;
    private static PulsarQueue pulsar;
    private static PulsarBatchQueue queue;
    private static final List<AutoCloseable> OTHERS = new ArrayList<>();

    @BeforeAll
    static void migrate() throws Exception {
        config = ConfigLoader.load("../config/migrate.yml", NAMESPACE.processEnvironment());
        MigrationReport report = new MigrationReport();
        MigrationService.ensureDatabase(config, report);
        try (ElasticStore elastic = ElasticStore.connect(config.elastic());
             MysqlStore mysql = MysqlStore.connect(config.mysql(), new MetricRegistry(), "mysql")) {
            new MigrationService(config, mysql, elastic, new PulsarAdminClient(config.queue().pulsar()),
                    Jackson.newObjectMapper(), Clock.systemUTC()).migrate(Optional.empty(), report);
        }
        assertThat(config.queue().pulsar().partitions()).isEqualTo(4);
        pulsar = PulsarQueue.connect(config.queue());
        queue = PulsarBatchQueue.of(pulsar, config);
        queue.prepare(TOPIC).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        // Newest first: each extra queue closes before the client it uses.
        for (int i = OTHERS.size() - 1; i >= 0; i--) {
            try {
                OTHERS.get(i).close();
            } catch (Exception e) {
                // The crashed client is already shut down; closing it again may complain.
            }
        }
        if (queue != null) {
            queue.close();
            pulsar.close();
        }
    }

    @Override
    BatchQueue queue() {
        return queue;
    }

    @Override
    BatchQueue unreachableQueue() {
        return unreachable(config.collector().backpressure().producerMaxPending());
    }

    @Override
    Duration sendTimeout() {
        return config.queue().sendTimeout();
    }

    @Test
    void aCrashedConsumersMessagesAreDeliveredToAnotherConsumer() throws Exception {
        PulsarQueue crashingClient = PulsarQueue.connect(config.queue());
        PulsarBatchQueue crashing = PulsarBatchQueue.of(crashingClient, config);
        OTHERS.add(crashingClient);
        OTHERS.add(crashing);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        crashing.subscribe(TOPIC, SUBSCRIPTION, delivery -> {
            if (run.equals(delivery.message().properties().get(RecordingHandler.RUN))) {
                held.incrementAndGet();
                never.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                throw new TransientQueueException("crashed");
            }
        }, options(3, 3));
        publishAll(keys(3), 4);
        await(() -> held.get() == 3, () -> "the crashing consumer to hold one message of each key, holds " + held.get());

        RecordingHandler handler = new RecordingHandler(run);
        try (Subscription ignored = queue.subscribe(TOPIC, SUBSCRIPTION, handler, options(2, 3))) {
            Thread.sleep(300);
            assertThat(handler.count()).as("keys held by the live consumer are not handed over").isZero();
            crashingClient.client().shutdown();
            await(() -> handler.count() == 12, () -> "12 re-deliveries, got " + handler.count());
        } finally {
            never.countDown();
        }
        for (String key : keys(3)) {
            assertThat(handler.handled(key)).containsExactlyElementsOf(sequence(4));
        }
        await(() -> queue.backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
    }

    @Test
    void messagesPublishedWhileTheProducerIsCreatedKeepTheirOrder() throws Exception {
        // A warm client (connection, classes), so that the fresh producer's creation stays inside the send timeout.
        queue.prepare(TOPIC).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        try (PulsarBatchQueue fresh = PulsarBatchQueue.of(pulsar, config)) {
            for (int sequence = 0; sequence < 10; sequence++) {
                for (String key : keys(2)) {
                    sent.add(fresh.publish(TOPIC, message(run, key, sequence)));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        RecordingHandler handler = new RecordingHandler(run);
        try (Subscription ignored = queue.subscribe(TOPIC, SUBSCRIPTION, handler, options(2, 3))) {
            await(() -> handler.count() == 20, () -> "20 deliveries, got " + handler.count());
        }
        for (String key : keys(2)) {
            assertThat(handler.handled(key)).containsExactlyElementsOf(sequence(10));
        }
        await(() -> queue.backlog(TOPIC, SUBSCRIPTION) == 0, () -> "an empty backlog");
    }

    @Test
    void sendsBeyondProducerMaxPendingFailAtOnce() throws Exception {
        PulsarBatchQueue unreachable = unreachable(3);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pending.add(unreachable.publish(TOPIC, message(run, run, i)));
        }
        assertThat(unreachable.pendingSends()).isEqualTo(3);
        assertThat(unreachable.publish(TOPIC, message(run, run, 3))).isCompletedExceptionally()
                .failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(QueueUnavailableException.class)
                .withMessageContaining("producerMaxPending");
        for (CompletableFuture<Void> future : pending) {
            assertThat(future).failsWithin(sendTimeout().plusSeconds(2));
        }
        await(() -> unreachable.pendingSends() == 0, () -> "no pending sends");
    }

    /** A queue whose client points at a port nothing listens on. */
    private static PulsarBatchQueue unreachable(int producerMaxPending) {
        Map<String, String> environment = new HashMap<>(NAMESPACE.processEnvironment());
        environment.put("PULSAR_HOST", "pulsar://127.0.0.1:1");
        try {
            TracardiConfiguration unreachableConfig = ConfigLoader.load("../config/migrate.yml", environment);
            PulsarQueue client = PulsarQueue.connect(unreachableConfig.queue());
            PulsarBatchQueue unreachable = new PulsarBatchQueue(client, unreachableConfig.queue().sendTimeout(), producerMaxPending);
            OTHERS.add(client);
            OTHERS.add(unreachable);
            return unreachable;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

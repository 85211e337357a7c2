package org.opencdp.server.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.config.RedisConfig;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.TestStack;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Completion records against the local stack's Redis, with two instances standing for two nodes: node A awaits,
 * node B (a worker elsewhere) completes. Only this class's own subscriber connections are ever killed; the Redis
 * server itself is never touched.
 */
class RedisCompletionRecordsIT {

    private static final TestStack.Namespace NAMESPACE = TestStack.newNamespace("done");
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("acme"));
    private static final Duration LONG = Duration.ofSeconds(20);
    private static RedisConfig config;
    private static RedisStore storeA;
    private static RedisStore storeB;
    private static RedisCompletionRecords nodeA;
    private static RedisCompletionRecords nodeB;

    @BeforeAll
    static void start() throws Exception {
        config = NAMESPACE.redisConfig();
        storeA = RedisStore.connect(config);
        storeB = RedisStore.connect(config);
        nodeA = new RedisCompletionRecords(storeA, config);
        nodeB = new RedisCompletionRecords(storeB, config);
        nodeA.start();
        nodeB.start();
        assertThat(nodeA.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
        assertThat(nodeB.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.stop();
        nodeB.stop();
        String cursor = ScanParams.SCAN_POINTER_START;
        for (int round = 0; round < 1_000; round++) {
            ScanResult<String> page = storeA.jedis().scan(cursor, new ScanParams().match(NAMESPACE.redisPrefix() + ":*").count(1_000));
            if (!page.getResult().isEmpty()) {
                storeA.jedis().del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
            if (ScanParams.SCAN_POINTER_START.equals(cursor)) {
                break;
            }
        }
        storeA.close();
        storeB.close();
    }

    @AfterEach
    void nothingLeftPending() {
        assertThat(nodeA.awaiting()).isZero();
        assertThat(nodeB.awaiting()).isZero();
    }

    @Test
    void completeThenAwaitAnswersFromTheRecord() throws Exception {
        String batch = newBatch();
        nodeB.complete(SCOPE, batch, record(batch));

        long started = System.nanoTime();
        Optional<String> result = nodeA.await(SCOPE, batch, LONG).get(1, TimeUnit.SECONDS);

        assertThat(result).contains(record(batch));
        assertThat(millisSince(started)).isLessThan(200);
        assertThat(nodeA.find(SCOPE, batch)).contains(record(batch));
        assertThat(nodeA.find(SCOPE, newBatch())).isEmpty();
    }

    @Test
    void awaitThenCompleteOnAnotherNode() throws Exception {
        String batch = newBatch();
        CompletableFuture<Optional<String>> awaited = nodeA.await(SCOPE, batch, LONG);
        Thread.sleep(50);
        assertThat(awaited).isNotDone();
        assertThat(nodeA.awaiting()).isEqualTo(1);

        long started = System.nanoTime();
        nodeB.complete(SCOPE, batch, record(batch));
        Optional<String> result = awaited.get(1, TimeUnit.SECONDS);
        long elapsed = millisSince(started);

        assertThat(result).contains(record(batch));
        assertThat(elapsed).as("ms from complete() to the other node's answer").isLessThan(100);
    }

    @Test
    void theSameNodeCompletesItsOwnAwaitDirectly() throws Exception {
        String batch = newBatch();
        CompletableFuture<Optional<String>> awaited = nodeA.await(SCOPE, batch, LONG);

        nodeA.complete(SCOPE, batch, record(batch));

        assertThat(awaited).isCompletedWithValue(Optional.of(record(batch)));
        assertThat(nodeB.find(SCOPE, batch)).contains(record(batch));
    }

    @Test
    void anAwaitNobodyCompletesAnswersEmptyAfterItsTimeout() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Optional<String>> awaited = nodeA.await(SCOPE, newBatch(), Duration.ofMillis(500));
        assertThat(awaited).isNotDone();

        assertThat(awaited.get(2, TimeUnit.SECONDS)).isEmpty();
        assertThat(millisSince(started)).isBetween(300L, 700L);
        assertThat(nodeA.awaiting()).isZero();
    }

    @Test
    void aCancelledAwaitIsForgotten() {
        CompletableFuture<Optional<String>> awaited = nodeA.await(SCOPE, newBatch(), LONG);
        assertThat(nodeA.awaiting()).isEqualTo(1);

        awaited.cancel(true);

        assertThat(nodeA.awaiting()).isZero();
    }

    @Test
    void twoThousandConcurrentAwaitsEachGetTheirOwnRecord() throws Exception {
        int count = 2_000;
        List<String> batches = new ArrayList<>();
        List<CompletableFuture<Optional<String>>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String batch = newBatch();
            batches.add(batch);
            futures.add(nodeA.await(SCOPE, batch, LONG));
        }
        assertThat(nodeA.awaiting()).isEqualTo(count);

        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            for (String batch : batches) {
                workers.execute(() -> nodeB.complete(SCOPE, batch, record(batch)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        } finally {
            workers.shutdownNow();
        }
        System.out.printf("%d awaits completed by another node in %d ms%n", count, millisSince(started));

        for (int i = 0; i < count; i++) {
            assertThat(futures.get(i).get()).contains(record(batches.get(i)));
        }
        assertThat(nodeA.awaiting()).isZero();
    }

    @Test
    void theSameBatchIdInAnotherTenantOrContextDoesNotCompleteOurs() throws Exception {
        String batch = newBatch();
        TenantScope otherTenant = TenantScope.production(Tenant.of("globex"));
        TenantScope staging = TenantScope.staging(SCOPE.tenant());
        CompletableFuture<Optional<String>> awaited = nodeA.await(SCOPE, batch, LONG);

        nodeB.complete(otherTenant, batch, "{\"tenant\":\"globex\"}");
        nodeB.complete(staging, batch, "{\"context\":\"stage\"}");
        Thread.sleep(300);
        assertThat(awaited).isNotDone();
        assertThat(nodeA.find(SCOPE, batch)).isEmpty();

        nodeB.complete(SCOPE, batch, record(batch));
        assertThat(awaited.get(1, TimeUnit.SECONDS)).contains(record(batch));
        assertThat(nodeA.find(otherTenant, batch)).contains("{\"tenant\":\"globex\"}");
        assertThat(nodeA.find(staging, batch)).contains("{\"context\":\"stage\"}");
    }

    @Test
    void completeAllStoresEveryRecordAndAnswersEachAwaitOnTheOtherNode() throws Exception {
        TenantScope staging = TenantScope.staging(SCOPE.tenant());
        List<BatchRef> batches = List.of(new BatchRef(SCOPE, newBatch()), new BatchRef(staging, newBatch()),
                new BatchRef(SCOPE, newBatch()));
        List<CompletableFuture<Optional<String>>> awaited = new ArrayList<>();
        for (BatchRef batch : batches) {
            awaited.add(nodeA.await(batch.scope(), batch.batchId(), LONG));
        }

        nodeB.completeAll(batches.stream().map(batch -> new CompletionRecords.Completion(batch, record(batch.batchId()))).toList());

        for (int i = 0; i < batches.size(); i++) {
            assertThat(awaited.get(i).get(1, TimeUnit.SECONDS)).contains(record(batches.get(i).batchId()));
        }
        long ttl = storeA.jedis().ttl(NAMESPACE.redisPrefix() + ":acme:stage:done:" + batches.get(1).batchId());
        assertThat(ttl).isBetween(595L, 600L);
        nodeB.completeAll(List.of());
    }

    @Test
    void findAllAnswersEachBatchInOrderWithinItsOwnScope() {
        String done = newBatch();
        String notDone = newBatch();
        nodeB.complete(SCOPE, done, record(done));

        List<Optional<String>> found = nodeA.findAll(List.of(new BatchRef(SCOPE, notDone), new BatchRef(SCOPE, done),
                new BatchRef(TenantScope.staging(SCOPE.tenant()), done)));

        assertThat(found).containsExactly(Optional.empty(), Optional.of(record(done)), Optional.empty());
        assertThat(nodeA.findAll(List.of())).isEmpty();
    }

    @Test
    void recordsExpireAfterTenMinutes() {
        String batch = newBatch();
        nodeB.complete(SCOPE, batch, record(batch));

        long ttl = storeA.jedis().ttl(NAMESPACE.redisPrefix() + ":acme:prod:done:" + batch);

        assertThat(ttl).isBetween(595L, 600L);
    }

    @Test
    void aNotificationLostWhileDisconnectedIsRecoveredAfterTheReconnect() throws Exception {
        CountDownLatch disconnected = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Holds the subscriber between losing its connection and reconnecting, so the completion below is
        // published while nobody on node C listens.
        Runnable holdReconnect = () -> {
            disconnected.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        RedisStore storeC = RedisStore.connect(config);
        RedisCompletionRecords nodeC = new RedisCompletionRecords(storeC, CompletionSubscriber.connections(config),
                new CompletionSubscriber.Settings(Duration.ofMillis(100), Duration.ofSeconds(1), holdReconnect));
        try {
            nodeC.start();
            assertThat(nodeC.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
            String batch = newBatch();
            CompletableFuture<Optional<String>> awaited = nodeC.await(SCOPE, batch, LONG);
            Thread.sleep(50);
            assertThat(awaited).isNotDone();

            killConnection(() -> nodeC.subscriber().connectionId());
            assertThat(disconnected.await(5, TimeUnit.SECONDS)).isTrue();
            nodeB.complete(SCOPE, batch, record(batch));
            Thread.sleep(200);
            assertThat(awaited).as("the notification was published while node C was disconnected").isNotDone();

            release.countDown();
            assertThat(awaited.get(5, TimeUnit.SECONDS)).contains(record(batch));
            assertThat(nodeC.awaitSubscribed(Duration.ofSeconds(5))).isTrue();

            // And the new subscription delivers notifications again.
            String next = newBatch();
            CompletableFuture<Optional<String>> nextAwait = nodeC.await(SCOPE, next, LONG);
            Thread.sleep(50);
            nodeB.complete(SCOPE, next, record(next));
            assertThat(nextAwait.get(1, TimeUnit.SECONDS)).contains(record(next));
            assertThat(nodeC.awaiting()).isZero();
        } finally {
            release.countDown();
            nodeC.stop();
            storeC.close();
        }
    }

    @Test
    void aSilentConnectionIsDetectedByTheHeartbeatAndReplaced() throws Exception {
        URI redis = URI.create(TestStack.get("REDIS_HOST"));
        try (SilentProxy proxy = new SilentProxy(redis.getHost(), redis.getPort())) {
            HostAndPort viaProxy = new HostAndPort("127.0.0.1", proxy.port());
            RedisStore storeE = RedisStore.connect(config);
            RedisCompletionRecords nodeE = new RedisCompletionRecords(storeE, () -> new Jedis(viaProxy),
                    new CompletionSubscriber.Settings(Duration.ofMillis(200), Duration.ofSeconds(1), () -> { }));
            try {
                nodeE.start();
                assertThat(nodeE.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
                long silenced = nodeE.subscriber().connectionId();
                // Longer than three heartbeat periods: only the answered pings keep a healthy connection.
                Thread.sleep(1_000);
                assertThat(nodeE.subscriber().connectionId()).isEqualTo(silenced);

                String batch = newBatch();
                CompletableFuture<Optional<String>> awaited = nodeE.await(SCOPE, batch, LONG);
                Thread.sleep(50);
                proxy.silenceCurrentConnections();
                nodeB.complete(SCOPE, batch, record(batch));

                // Dropped after three silent heartbeat periods (600 ms), then re-subscribed and re-checked.
                assertThat(awaited.get(5, TimeUnit.SECONDS)).contains(record(batch));
                assertThat(nodeE.subscriber().connectionId()).isNotEqualTo(silenced);
                assertThat(nodeE.awaiting()).isZero();
            } finally {
                nodeE.stop();
                storeE.close();
            }
        }
    }

    @Test
    void stopEndsTheSubscriberAndAnswersPendingAwaitsEmpty() throws Exception {
        RedisStore storeD = RedisStore.connect(config);
        RedisCompletionRecords nodeD = new RedisCompletionRecords(storeD, config);
        try {
            nodeD.start();
            assertThat(nodeD.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
            long connection = nodeD.subscriber().connectionId();
            CompletableFuture<Optional<String>> awaited = nodeD.await(SCOPE, newBatch(), LONG);

            long started = System.nanoTime();
            nodeD.stop();

            assertThat(awaited.get(1, TimeUnit.SECONDS)).isEmpty();
            assertThat(millisSince(started)).isLessThan(1_000);
            assertThat(nodeD.awaiting()).isZero();
            assertThat(nodeD.subscriber().alive()).isFalse();
            assertThat(clientList(connection)).doesNotContain("id=" + connection + " ");
            assertThat(nodeD.await(SCOPE, newBatch(), LONG)).isCompletedWithValue(Optional.empty());
        } finally {
            storeD.close();
        }
    }

    private static void killConnection(long id) {
        assertThat(id).isPositive();
        try (Jedis admin = new Jedis(URI.create(TestStack.get("REDIS_HOST")))) {
            assertThat(admin.clientKill(ClientKillParams.clientKillParams().id(String.valueOf(id)))).isEqualTo(1);
        }
    }

    /**
     * Kills the subscriber's current connection. On a starved machine the heartbeat may already have replaced
     * the connection whose id was read, so the current id is read again until one kill lands.
     */
    private static void killConnection(java.util.function.LongSupplier currentId) throws InterruptedException {
        try (Jedis admin = new Jedis(URI.create(TestStack.get("REDIS_HOST")))) {
            for (int attempt = 0; attempt < 20; attempt++) {
                long id = currentId.getAsLong();
                if (id > 0 && admin.clientKill(ClientKillParams.clientKillParams().id(String.valueOf(id))) == 1) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("could not kill the subscriber's connection");
    }

    private static String clientList(long id) {
        try (Jedis admin = new Jedis(URI.create(TestStack.get("REDIS_HOST")))) {
            return admin.clientList(id);
        }
    }

    private static String newBatch() {
        return UUID.randomUUID().toString();
    }

    private static String record(String batch) {
        return "{\"batch\":\"" + batch + "\",\"profile_id\":\"p-" + batch + "\"}";
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}

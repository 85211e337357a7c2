package org.opencdp.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencdp.server.session.SessionBindings.Binding;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Session bindings against the stack's Redis: one winner under concurrency, sliding TTL, re-binding, scoping. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RedisSessionBindingsIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("sessions");
    private static final TenantScope PROD = TenantScope.production(Tenant.of("acme"));
    private static final TenantScope STAGE = TenantScope.staging(Tenant.of("acme"));
    private static final Instant START = Instant.parse("2025-03-01T10:15:30.123Z");

    private static RedisStore store;
    private static JedisPooled jedis;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @BeforeAll
    static void connect() {
        store = RedisStore.connect(NAMESPACE.redisConfig());
        jedis = store.jedis();
    }

    @AfterAll
    static void dropKeys() {
        if (store != null) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(NAMESPACE.redisPrefix() + ":*").count(500));
                if (!page.getResult().isEmpty()) {
                    jedis.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            store.close();
        }
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void sixteenConcurrentFirstRequestsAgreeOnOneProfile() throws Exception {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMinutes(30));
        for (int round = 0; round < 20; round++) {
            String sessionId = "s-new-" + round;
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Binding>> results = new ArrayList<>();
            Set<String> proposed = new HashSet<>();
            for (int t = 0; t < 16; t++) {
                Binding mine = new Binding("profile-" + round + "-" + t, START.plusMillis(t));
                proposed.add(mine.profileId());
                results.add(threads.submit(() -> {
                    gate.await();
                    return bindings.bindIfAbsent(PROD, sessionId, mine);
                }));
            }
            gate.countDown();
            Set<Binding> winners = new HashSet<>();
            for (Future<Binding> result : results) {
                winners.add(result.get(10, TimeUnit.SECONDS));
            }
            assertThat(winners).hasSize(1);
            Binding winner = winners.iterator().next();
            assertThat(proposed).contains(winner.profileId());
            assertThat(bindings.find(PROD, sessionId)).contains(winner);
        }
    }

    @Test
    void findResolvedFollowsMergesAndReportsDeletionMarksInOneStep() {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMinutes(30));
        org.opencdp.server.profile.ProfileIdMap idMap = new org.opencdp.server.profile.ProfileIdMap(store);
        assertThat(bindings.findResolved(PROD, "s-unbound")).isEmpty();

        bindings.bindIfAbsent(PROD, "s-plain", new Binding("p-plain", START));
        assertThat(bindings.findResolved(PROD, "s-plain"))
                .contains(new SessionBindings.Resolved(new Binding("p-plain", START), "p-plain", false));

        // Merged twice: a -> b -> c; the binding itself is left as it was.
        bindings.bindIfAbsent(PROD, "s-merged", new Binding("p-a", START));
        idMap.map(PROD, "p-a", "p-b", Duration.ofMinutes(5));
        idMap.map(PROD, "p-b", "p-c", Duration.ofMinutes(5));
        assertThat(bindings.findResolved(PROD, "s-merged"))
                .contains(new SessionBindings.Resolved(new Binding("p-a", START), "p-c", false));
        assertThat(bindings.find(PROD, "s-merged")).contains(new Binding("p-a", START));

        // The survivor was deleted later: the mark is on the id the chain ends at.
        idMap.markDeleted(PROD, List.of("p-c"), Duration.ofMinutes(5));
        assertThat(bindings.findResolved(PROD, "s-merged"))
                .contains(new SessionBindings.Resolved(new Binding("p-a", START), "p-c", true));
        assertThat(bindings.findResolved(PROD, "s-plain").orElseThrow().deleted()).isFalse();
        // Marks are scoped like every key: the staging context does not see the production one.
        bindings.bindIfAbsent(STAGE, "s-merged", new Binding("p-c", START));
        assertThat(bindings.findResolved(STAGE, "s-merged").orElseThrow().deleted()).isFalse();
    }

    @Test
    void theStoredValueIsTheDocumentedJsonWithTheSessionTtl() throws Exception {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofSeconds(1800));
        assertThat(bindings.bindIfAbsent(PROD, "s-format", new Binding("p-1", START))).isEqualTo(new Binding("p-1", START));
        String key = NAMESPACE.redisPrefix() + ":acme:prod:session:s-format";
        JsonNode stored = new ObjectMapper().readTree(jedis.get(key));
        assertThat(stored.path("profile_id").asText()).isEqualTo("p-1");
        assertThat(Instant.parse(stored.path("start").asText())).isEqualTo(START);
        assertThat(stored.size()).isEqualTo(2);
        assertThat(jedis.ttl(key)).isBetween(1790L, 1800L);
        // A second proposal loses and sees the first one.
        assertThat(bindings.bindIfAbsent(PROD, "s-format", new Binding("p-2", START.plusSeconds(5)))).isEqualTo(new Binding("p-1", START));
    }

    @Test
    void findAfterExpiryIsEmpty() throws Exception {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMillis(300));
        bindings.bindIfAbsent(PROD, "s-expiring", new Binding("p-1", START));
        assertThat(bindings.find(PROD, "s-expiring")).isPresent();
        Thread.sleep(450);
        assertThat(bindings.find(PROD, "s-expiring")).isEmpty();
        assertThat(bindings.find(PROD, "s-never-bound")).isEmpty();
        // An expired session is new again.
        assertThat(bindings.bindIfAbsent(PROD, "s-expiring", new Binding("p-2", START))).isEqualTo(new Binding("p-2", START));
    }

    @Test
    void touchExtendsTheBinding() throws Exception {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMillis(1_000));
        bindings.bindIfAbsent(PROD, "s-touched", new Binding("p-1", START));
        Thread.sleep(600);
        bindings.touch(PROD, "s-touched");
        Thread.sleep(600); // 1.2 s after binding: gone without the touch
        assertThat(bindings.find(PROD, "s-touched")).contains(new Binding("p-1", START));
        Thread.sleep(600);
        assertThat(bindings.find(PROD, "s-touched")).isEmpty();
        bindings.touch(PROD, "s-touched"); // touching a gone session does not recreate it
        assertThat(bindings.find(PROD, "s-touched")).isEmpty();
    }

    @Test
    void rebindReplacesTheProfileKeepsTheStartAndSlidesTheTtl() throws Exception {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMillis(1_000));
        bindings.bindIfAbsent(PROD, "s-rebound", new Binding("p-merged", START));
        Thread.sleep(600);
        bindings.rebind(PROD, "s-rebound", new Binding("p-survivor", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        Thread.sleep(600); // 1.2 s after binding: still there because the re-bind restarted the TTL
        assertThat(bindings.find(PROD, "s-rebound")).contains(new Binding("p-survivor", START));
        // A session that is not bound (expired) gets the given start.
        Instant later = START.plusSeconds(60);
        bindings.rebind(PROD, "s-rebound-absent", new Binding("p-survivor", later));
        assertThat(bindings.find(PROD, "s-rebound-absent")).contains(new Binding("p-survivor", later));
    }

    @Test
    void stagingAndProductionBindingsAreSeparate() {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMinutes(30));
        assertThat(bindings.bindIfAbsent(PROD, "s-both", new Binding("p-prod", START))).isEqualTo(new Binding("p-prod", START));
        assertThat(bindings.bindIfAbsent(STAGE, "s-both", new Binding("p-stage", START))).isEqualTo(new Binding("p-stage", START));
        assertThat(bindings.find(PROD, "s-both")).contains(new Binding("p-prod", START));
        assertThat(bindings.find(STAGE, "s-both")).contains(new Binding("p-stage", START));
        bindings.rebind(STAGE, "s-both", new Binding("p-stage-2", START));
        assertThat(bindings.find(PROD, "s-both")).contains(new Binding("p-prod", START));
        assertThat(bindings.find(STAGE, "s-only-prod")).isEmpty();
        bindings.bindIfAbsent(PROD, "s-only-prod", new Binding("p-prod", START));
        assertThat(bindings.find(STAGE, "s-only-prod")).isEmpty();
    }

    @Test
    void bindIfAbsentAlwaysAnswersEvenWhenWinnersExpireAtOnce() throws Exception {
        // A 2 ms TTL makes the window between a lost SET NX and the GET of the winner frequent.
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMillis(2));
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Binding mine = new Binding("p-" + t, START);
            results.add(threads.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    Binding answer = bindings.bindIfAbsent(PROD, "s-flicker-" + (i % 4), mine);
                    assertThat(answer.profileId()).startsWith("p-");
                    assertThat(answer.start()).isEqualTo(START);
                }
                return null;
            }));
        }
        for (Future<?> result : results) {
            result.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sessionIdsAreKeptApartFromEachOther() {
        RedisSessionBindings bindings = new RedisSessionBindings(store, Duration.ofMinutes(30));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        bindings.bindIfAbsent(PROD, first, new Binding("p-a", START));
        bindings.bindIfAbsent(PROD, second, new Binding("p-b", START));
        assertThat(bindings.find(PROD, first)).contains(new Binding("p-a", START));
        assertThat(bindings.find(PROD, second)).contains(new Binding("p-b", START));
    }
}

package org.opencdp.server.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencdp.server.lock.ProfileLocks.Lease;
import org.opencdp.server.profile.ScopedProfileId;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The profile lease lock against the stack's Redis: exclusion, renewal, expiry, timeouts and multi-locks. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RedisProfileLocksIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("locks");
    private static final TenantScope PROD = TenantScope.production(Tenant.of("acme"));
    private static final TenantScope STAGE = TenantScope.staging(Tenant.of("acme"));
    private static final Duration SHORT_LEASE = Duration.ofMillis(300);

    private static RedisStore store;
    private static JedisPooled jedis;
    private final List<RedisProfileLocks> opened = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void connect() {
        store = RedisStore.connect(NAMESPACE.redisConfig());
        jedis = store.jedis();
    }

    @AfterAll
    static void dropKeys() {
        if (store != null) {
            deleteKeys(NAMESPACE.redisPrefix() + ":*");
            store.close();
        }
    }

    @AfterEach
    void closeLocks() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
        opened.forEach(RedisProfileLocks::close);
    }

    @Test
    void theLockSerialisesAReadModifyWriteOfEightThreads() throws Exception {
        String counter = store.keys().scoped(PROD, "test-counter:locked");
        // Two lock objects, as two worker processes would have.
        List<RedisProfileLocks> workers = List.of(locks(Duration.ofSeconds(15), Duration.ofSeconds(10)),
                locks(Duration.ofSeconds(15), Duration.ofSeconds(10)));
        runConcurrently(8, thread -> {
            for (int i = 0; i < 50; i++) {
                try (Lease lease = workers.get(thread % 2).acquire(PROD, "p-counter")) {
                    incrementSlowly(counter);
                    assertThat(lease.held()).isTrue();
                }
            }
        });
        assertThat(jedis.get(counter)).isEqualTo("400");
    }

    @Test
    void withoutTheLockTheSameIncrementsLoseUpdates() throws Exception {
        // The control: proves that the locked test above could fail.
        String counter = store.keys().scoped(PROD, "test-counter:unlocked");
        runConcurrently(8, thread -> {
            for (int i = 0; i < 50; i++) {
                incrementSlowly(counter);
            }
        });
        assertThat(Integer.parseInt(jedis.get(counter))).isLessThan(400);
    }

    @Test
    void renewalKeepsALeaseAliveLongerThanItsLeaseAndAWaiterGivesUp() throws Exception {
        RedisProfileLocks holder = locks(SHORT_LEASE, Duration.ofSeconds(1));
        RedisProfileLocks waiter = locks(SHORT_LEASE, Duration.ofMillis(1_200));
        Lease lease = holder.acquire(PROD, "p-renewed");
        Future<Throwable> waiting = threads.submit(() -> failure(() -> waiter.acquire(PROD, "p-renewed")));
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_200);
        while (System.nanoTime() < until) {
            assertThat(lease.held()).isTrue();
            Thread.sleep(20);
        }
        // Four leases long, and neither the key's expiry nor the waiter took it.
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(TransientQueueException.class);
        assertThat(lease.held()).isTrue();
        assertThat(jedis.pttl(lockKey(PROD, "p-renewed"))).isPositive();
        lease.close();
        assertThat(lease.held()).isFalse();
        try (Lease next = waiter.acquire(PROD, "p-renewed")) {
            assertThat(next.held()).isTrue();
        }
    }

    @Test
    void tryAcquireTakesAFreeLockAndNeverWaitsForAHeldOne() throws Exception {
        RedisProfileLocks first = locks(SHORT_LEASE, Duration.ofSeconds(5));
        RedisProfileLocks second = locks(SHORT_LEASE, Duration.ofSeconds(5));
        Lease lease = first.tryAcquire(PROD, "p-try").orElseThrow();
        assertThat(lease.held()).isTrue();

        long start = System.nanoTime();
        assertThat(second.tryAcquire(PROD, "p-try")).isEmpty();
        // A waiting acquire would take up to its 5 s wait timeout.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);

        lease.close();
        try (Lease next = second.tryAcquire(PROD, "p-try").orElseThrow()) {
            assertThat(next.held()).isTrue();
        }
    }

    @Test
    void tryAcquireEachTakesTheFreeLocksInOneGoAndLeavesTheHeldOnesToTheirHolders() throws Exception {
        RedisProfileLocks other = locks(SHORT_LEASE, Duration.ofSeconds(5));
        RedisProfileLocks group = locks(SHORT_LEASE, Duration.ofSeconds(5));
        Lease busy = other.tryAcquire(PROD, "p-each-2").orElseThrow();

        List<Optional<Lease>> taken = group.tryAcquireEach(List.of(new ScopedProfileId(PROD, "p-each-1"),
                new ScopedProfileId(PROD, "p-each-2"), new ScopedProfileId(STAGE, "p-each-2"),
                new ScopedProfileId(PROD, "p-each-3")));

        assertThat(taken).hasSize(4);
        assertThat(taken.get(1)).as("held by the other holder").isEmpty();
        assertThat(List.of(taken.get(0), taken.get(2), taken.get(3))).allSatisfy(lease -> {
            assertThat(lease).isPresent();
            assertThat(lease.get().held()).isTrue();
        });
        assertThat(taken.get(2).get().profileId()).isEqualTo("p-each-2");
        // Renewed like any lease: still held after twice the lease.
        Thread.sleep(SHORT_LEASE.toMillis() * 2);
        assertThat(taken.get(0).get().held()).isTrue();
        assertThat(other.tryAcquire(PROD, "p-each-1")).isEmpty();

        // One pipelined release: the group's locks are free again, the other holder's is untouched.
        group.releaseAll(List.of(taken.get(0).get(), taken.get(2).get(), taken.get(3).get()));
        assertThat(taken.get(0).get().held()).isFalse();
        assertThat(jedis.exists(lockKey(PROD, "p-each-1"))).isFalse();
        assertThat(jedis.exists(lockKey(STAGE, "p-each-2"))).isFalse();
        assertThat(jedis.exists(lockKey(PROD, "p-each-3"))).isFalse();
        assertThat(busy.held()).isTrue();
        assertThat(jedis.exists(lockKey(PROD, "p-each-2"))).isTrue();
        busy.close();
    }

    @Test
    void releaseAllLeavesALockThatAnotherHolderTookOverAndIgnoresLeasesClosedBefore() throws Exception {
        RedisProfileLocks group = locks(SHORT_LEASE, Duration.ofSeconds(1));
        List<Optional<Lease>> taken = group.tryAcquireEach(List.of(new ScopedProfileId(PROD, "p-rel-1"),
                new ScopedProfileId(PROD, "p-rel-2"), new ScopedProfileId(PROD, "p-rel-3")));
        Lease lost = taken.get(0).orElseThrow();
        Lease closedBefore = taken.get(1).orElseThrow();
        Lease kept = taken.get(2).orElseThrow();
        jedis.set(lockKey(PROD, "p-rel-1"), "someone-else");  // an expiry we missed, and a new holder
        closedBefore.close();
        Lease retaken = locks(SHORT_LEASE, Duration.ofSeconds(1)).tryAcquire(PROD, "p-rel-2").orElseThrow();

        group.releaseAll(List.of(kept, closedBefore, lost));

        assertThat(jedis.get(lockKey(PROD, "p-rel-1"))).isEqualTo("someone-else");
        assertThat(retaken.held()).isTrue();
        assertThat(jedis.exists(lockKey(PROD, "p-rel-2"))).as("the new holder's lock").isTrue();
        assertThat(jedis.exists(lockKey(PROD, "p-rel-3"))).isFalse();
        retaken.close();
        jedis.del(lockKey(PROD, "p-rel-1"));
    }

    @Test
    void aHolderThatDiesWithoutReleasingFreesTheLockAfterItsLease() throws Exception {
        RedisProfileLocks dying = locks(SHORT_LEASE, Duration.ofSeconds(1));
        long start = System.nanoTime();
        Lease abandoned = dying.acquire(PROD, "p-dead");
        dying.close(); // the process stops: no renewal, no release

        RedisProfileLocks waiter = locks(SHORT_LEASE, Duration.ofSeconds(3));
        try (Lease next = waiter.acquire(PROD, "p-dead")) {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).as("not broken into before the lease ran out").isGreaterThanOrEqualTo(295).isLessThan(1_500);
            assertThat(next.held()).isTrue();
            assertThat(abandoned.held()).isFalse();
        }
    }

    @Test
    void aLeaseDroppedWithoutCloseStopsBeingRenewed() throws Exception {
        RedisProfileLocks leaky = locks(SHORT_LEASE, Duration.ofSeconds(1));
        acquireAndForget(leaky, "p-dropped");
        RedisProfileLocks waiter = locks(SHORT_LEASE, Duration.ofMillis(100));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Lease next = null;
        while (next == null && System.nanoTime() < until) {
            System.gc();
            try {
                next = waiter.acquire(PROD, "p-dropped");
            } catch (TransientQueueException stillRenewed) {
                // the lease object was not collected yet
            }
        }
        assertThat(next).as("the dropped lease expired").isNotNull();
        next.close();
    }

    @Test
    void releaseByAHolderWhoseLeaseRanOutKeepsTheNewHoldersLock() throws Exception {
        RedisProfileLocks paused = locks(SHORT_LEASE, Duration.ofSeconds(1));
        Lease stale = paused.acquire(PROD, "p-stale");
        paused.close(); // like a long GC pause: no renewals while the lease runs out

        RedisProfileLocks other = locks(SHORT_LEASE, Duration.ofSeconds(3));
        try (Lease fresh = other.acquire(PROD, "p-stale")) {
            assertThat(stale.held()).isFalse();
            stale.close();
            assertThat(jedis.exists(lockKey(PROD, "p-stale"))).isTrue();
            assertThat(fresh.held()).isTrue();
            assertThatThrownBy(() -> locks(SHORT_LEASE, Duration.ofMillis(100)).acquire(PROD, "p-stale"))
                    .isInstanceOf(TransientQueueException.class);
        }
        assertThat(jedis.exists(lockKey(PROD, "p-stale"))).isFalse();
    }

    @Test
    void aRenewalThatFindsAnotherTokenReportsTheLeaseLostAndReleaseLeavesItAlone() throws Exception {
        RedisProfileLocks holder = locks(SHORT_LEASE, Duration.ofSeconds(1));
        Lease lease = holder.acquire(PROD, "p-taken");
        String key = lockKey(PROD, "p-taken");
        jedis.set(key, "someone-else"); // what a second holder looks like after an expiry we missed
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (lease.held() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(lease.held()).isFalse();
        lease.close();
        assertThat(jedis.get(key)).isEqualTo("someone-else");
        jedis.del(key);
    }

    @Test
    void aWaitTimeoutThrowsATransientFailureNamingTheProfileInTime() throws Exception {
        RedisProfileLocks holder = locks(Duration.ofSeconds(15), Duration.ofSeconds(1));
        RedisProfileLocks waiter = locks(Duration.ofSeconds(15), Duration.ofMillis(500));
        try (Lease lease = holder.acquire(PROD, "p-busy")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> waiter.acquire(PROD, "p-busy"))
                    .isInstanceOf(TransientQueueException.class)
                    .hasMessageContaining("p-busy")
                    .hasMessageContaining("acme/prod");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).isBetween(495L, 900L);
            assertThat(lease.held()).isTrue();
        }
    }

    @Test
    void acquireAllOnOverlappingSetsNeverDeadlocks() throws Exception {
        List<String> ids = List.of("p-m1", "p-m2", "p-m3", "p-m4", "p-m5");
        List<RedisProfileLocks> workers = List.of(locks(Duration.ofSeconds(15), Duration.ofSeconds(10)),
                locks(Duration.ofSeconds(15), Duration.ofSeconds(10)));
        Map<String, Integer> owners = new ConcurrentHashMap<>();
        AtomicInteger rounds = new AtomicInteger();
        runConcurrently(2, thread -> {
            for (int i = 0; i < 300; i++) {
                List<String> wanted = new ArrayList<>(ids);
                Collections.shuffle(wanted, ThreadLocalRandom.current());
                wanted = wanted.subList(0, 2 + ThreadLocalRandom.current().nextInt(3));
                List<Lease> leases = workers.get(thread).acquireAll(PROD, wanted);
                try {
                    assertThat(leases).extracting(Lease::profileId).isSorted().containsExactlyInAnyOrderElementsOf(wanted);
                    for (Lease lease : leases) {
                        assertThat(owners.putIfAbsent(lease.profileId(), thread)).as("two holders of " + lease.profileId()).isNull();
                    }
                    for (Lease lease : leases) {
                        owners.remove(lease.profileId());
                    }
                } finally {
                    leases.forEach(Lease::close);
                }
                rounds.incrementAndGet();
            }
        });
        assertThat(rounds).hasValue(600);
        for (String id : ids) {
            assertThat(jedis.exists(lockKey(PROD, id))).isFalse();
        }
    }

    @Test
    void acquireAllReleasesWhatItTookWhenOneLockStaysBusy() throws Exception {
        RedisProfileLocks holder = locks(Duration.ofSeconds(15), Duration.ofSeconds(1));
        RedisProfileLocks merger = locks(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(300));
        try (Lease busy = holder.acquire(PROD, "p-x3")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> merger.acquireAll(PROD, List.of("p-x3", "p-x1", "p-x2")))
                    .isInstanceOf(TransientQueueException.class)
                    .hasMessageContaining("p-x3");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(295L, 800L);
            assertThat(jedis.exists(lockKey(PROD, "p-x1"))).isFalse();
            assertThat(jedis.exists(lockKey(PROD, "p-x2"))).isFalse();
            assertThat(busy.held()).isTrue();
        }
        assertThat(merger.acquireAll(PROD, List.of())).isEmpty();
    }

    @Test
    void locksAreScopedByTenantAndContext() throws Exception {
        RedisProfileLocks locks = locks(Duration.ofSeconds(15), Duration.ofMillis(200));
        TenantScope otherTenant = TenantScope.production(Tenant.of("globex"));
        try (Lease production = locks.acquire(PROD, "p-shared");
             Lease staging = locks.acquire(STAGE, "p-shared");
             Lease elsewhere = locks.acquire(otherTenant, "p-shared")) {
            String prefix = NAMESPACE.redisPrefix();
            assertThat(jedis.exists(prefix + ":acme:prod:lock:profile:p-shared")).isTrue();
            assertThat(jedis.exists(prefix + ":acme:stage:lock:profile:p-shared")).isTrue();
            assertThat(jedis.exists(prefix + ":globex:prod:lock:profile:p-shared")).isTrue();
            assertThat(List.of(production, staging, elsewhere)).allMatch(Lease::held);
            assertThatThrownBy(() -> locks.acquire(STAGE, "p-shared")).isInstanceOf(TransientQueueException.class);
        }
    }

    // ---------------------------------------------------------------------------------------------------

    private RedisProfileLocks locks(Duration lease, Duration waitTimeout) {
        return locks(lease, waitTimeout, RedisProfileLocks.MULTI_LOCK_BUDGET);
    }

    private RedisProfileLocks locks(Duration lease, Duration waitTimeout, Duration budget) {
        RedisProfileLocks locks = new RedisProfileLocks(store, lease, waitTimeout, budget);
        opened.add(locks);
        return locks;
    }

    private static String lockKey(TenantScope scope, String profileId) {
        return store.keys().scoped(scope, "lock:profile:" + profileId);
    }

    /** Kept out of line so that no reference to the lease survives on the test's stack. */
    private static void acquireAndForget(RedisProfileLocks locks, String profileId) throws TransientQueueException {
        assertThat(locks.acquire(PROD, profileId).held()).isTrue();
    }

    /** GET, a pause that invites interleaving, then SET: deliberately not atomic. */
    private static void incrementSlowly(String counter) throws InterruptedException {
        String value = jedis.get(counter);
        Thread.sleep(1);
        jedis.set(counter, Integer.toString(value == null ? 1 : Integer.parseInt(value) + 1));
    }

    private static Throwable failure(Callable<?> action) {
        try {
            action.call();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /** A body run by one of several threads released at once. */
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    private void runConcurrently(int count, ThreadBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int thread = t;
            futures.add(threads.submit(() -> {
                start.await();
                body.run(thread);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(15, TimeUnit.SECONDS);
        }
    }

    private static void deleteKeys(String pattern) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(500));
            if (!page.getResult().isEmpty()) {
                jedis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}

package org.opencdp.server.lock;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.opencdp.server.profile.ScopedProfileId;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;
import org.opencdp.server.storage.redis.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Profile locks in Redis (processing §4.1): {@code SET {prefix}:lock:profile:{id} token NX PX lease}, renewed
 * by a watchdog every {@code lease/3}, released by compare-and-delete. A waiter polls with jittered backoff
 * and never breaks into a held lock; several locks are taken in ascending id order within a short budget.
 *
 * <p>Closing this object stops the watchdog without releasing anything: leases still open expire after
 * their lease, exactly as if the process had died.
 */
public final class RedisProfileLocks implements ProfileLocks, Managed, AutoCloseable {

    /** The budget of {@link #acquireAll} (processing §4.1). */
    public static final Duration MULTI_LOCK_BUDGET = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(RedisProfileLocks.class);

    private static final long MIN_BACKOFF_MILLIS = 5;
    private static final long MAX_BACKOFF_MILLIS = 50;

    private final JedisPooled jedis;
    private final RedisKeys keys;
    private final Duration lease;
    private final Duration waitTimeout;
    private final Duration multiLockBudget;
    private final ScheduledExecutorService watchdog;

    /**
     * @param lease       {@code locks.lease}
     * @param waitTimeout {@code locks.waitTimeout}
     */
    public RedisProfileLocks(RedisStore store, Duration lease, Duration waitTimeout) {
        this(store, lease, waitTimeout, MULTI_LOCK_BUDGET);
    }

    /** With another multi-lock budget; for tests, which cannot wait 2 s for every failure. */
    RedisProfileLocks(RedisStore store, Duration lease, Duration waitTimeout, Duration multiLockBudget) {
        if (lease.toMillis() < 3 || waitTimeout.isNegative() || multiLockBudget.isNegative()) {
            throw new IllegalArgumentException("lock lease must be at least 3 ms and timeouts not negative: lease "
                    + lease + ", waitTimeout " + waitTimeout + ", budget " + multiLockBudget);
        }
        this.jedis = store.jedis();
        this.keys = store.keys();
        this.lease = lease;
        this.waitTimeout = waitTimeout;
        this.multiLockBudget = multiLockBudget;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("profile-lock-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.watchdog = executor;
    }

    @Override
    public Lease acquire(TenantScope scope, String profileId) throws TransientQueueException {
        Objects.requireNonNull(profileId, "profileId");
        Lease taken = tryAcquire(scope, profileId, System.nanoTime() + waitTimeout.toNanos());
        if (taken == null) {
            throw new TransientQueueException("lock of profile " + profileId + " (" + scope + ") not acquired within "
                    + waitTimeout + "; another batch of this profile still runs");
        }
        return taken;
    }

    @Override
    public Optional<Lease> tryAcquire(TenantScope scope, String profileId) throws TransientQueueException {
        Objects.requireNonNull(profileId, "profileId");
        // A deadline already passed: one attempt, no wait.
        return Optional.ofNullable(tryAcquire(scope, profileId, System.nanoTime()));
    }

    @Override
    public List<Optional<Lease>> tryAcquireEach(List<ScopedProfileId> profiles) throws TransientQueueException {
        if (profiles.size() < 2) {
            return profiles.isEmpty() ? List.of()
                    : List.of(tryAcquire(profiles.get(0).scope(), profiles.get(0).profileId()));
        }
        List<String> lockKeys = new ArrayList<>(profiles.size());
        List<String> tokens = new ArrayList<>(profiles.size());
        List<Response<String>> answers = new ArrayList<>(profiles.size());
        SetParams params = SetParams.setParams().nx().px(lease.toMillis());
        long sentAt = System.nanoTime();
        try (Pipeline pipeline = jedis.pipelined()) {
            for (ScopedProfileId profile : profiles) {
                String key = lockKey(profile.scope(), profile.profileId());
                String token = UUID.randomUUID().toString();
                lockKeys.add(key);
                tokens.add(token);
                answers.add(pipeline.set(key, token, params));
            }
            pipeline.sync();
        } catch (JedisException e) {
            // Locks set before the failure are not known to be ours: they expire after their lease.
            throw new TransientQueueException("locks of " + profiles.size() + " profiles not acquired: Redis failed: "
                    + e.getMessage(), e);
        }
        List<Optional<Lease>> taken = new ArrayList<>(profiles.size());
        try {
            for (int i = 0; i < profiles.size(); i++) {
                taken.add("OK".equals(answers.get(i).get())
                        ? Optional.of(started(new RedisLease(jedis, profiles.get(i).profileId(), lockKeys.get(i),
                                tokens.get(i), lease.toNanos(), sentAt)))
                        : Optional.empty());
            }
        } catch (RuntimeException e) {
            releaseAll(taken.stream().flatMap(Optional::stream).toList());
            for (int i = taken.size() + 1; i < profiles.size(); i++) {
                if ("OK".equals(answers.get(i).get())) {
                    LockScripts.release(jedis, lockKeys.get(i), tokens.get(i));
                }
            }
            throw e;
        }
        return taken;
    }

    @Override
    public void releaseAll(List<Lease> leases) {
        List<String> lockKeys = new ArrayList<>(leases.size());
        List<String> tokens = new ArrayList<>(leases.size());
        for (Lease held : leases) {
            if (!(held instanceof RedisLease redisLease)) {
                held.close();
            } else if (redisLease.stopForRelease()) {
                lockKeys.add(redisLease.key());
                tokens.add(redisLease.token());
            }
        }
        if (lockKeys.isEmpty()) {
            return;
        }
        try {
            LockScripts.releaseAll(jedis, lockKeys, tokens);
        } catch (JedisException e) {
            LOG.warn("could not release {} profile locks (they expire by themselves): {}", lockKeys.size(), e.getMessage());
        }
    }

    @Override
    public List<Lease> acquireAll(TenantScope scope, Collection<String> profileIds) throws TransientQueueException {
        // One global order for every merge: two merges waiting for each other's locks is impossible.
        List<String> ordered = profileIds.stream().filter(Objects::nonNull).distinct().sorted().toList();
        long deadline = System.nanoTime() + multiLockBudget.toNanos();
        List<Lease> taken = new ArrayList<>(ordered.size());
        try {
            for (String profileId : ordered) {
                Lease lease = tryAcquire(scope, profileId, deadline);
                if (lease == null) {
                    throw new TransientQueueException("lock of profile " + profileId + " (" + scope + ") not acquired within the "
                            + multiLockBudget + " budget for locking " + ordered.size() + " profiles; released the others");
                }
                taken.add(lease);
            }
            return List.copyOf(taken);
        } catch (TransientQueueException | RuntimeException e) {
            taken.forEach(Lease::close);
            throw e;
        }
    }

    /** Polls until {@code deadline} ({@link System#nanoTime()}); null when the lock stayed taken. */
    private Lease tryAcquire(TenantScope scope, String profileId, long deadline) throws TransientQueueException {
        String key = lockKey(scope, profileId);
        String token = UUID.randomUUID().toString();
        SetParams params = SetParams.setParams().nx().px(lease.toMillis());
        long backoff = MIN_BACKOFF_MILLIS;
        try {
            while (true) {
                long sentAt = System.nanoTime();
                if ("OK".equals(jedis.set(key, token, params))) {
                    return started(new RedisLease(jedis, profileId, key, token, lease.toNanos(), sentAt));
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                // Jitter keeps the waiters of one profile from polling in lockstep; the last try is at the deadline.
                long pause = ThreadLocalRandom.current().nextLong(MIN_BACKOFF_MILLIS, backoff + 1);
                TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.MILLISECONDS.toNanos(pause), remaining));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        } catch (JedisException e) {
            throw new TransientQueueException("lock of profile " + profileId + " (" + scope + ") not acquired: Redis failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientQueueException("interrupted while waiting for the lock of profile " + profileId + " (" + scope + ")", e);
        }
    }

    /** {@code {prefix}:{tenant}:{ctx}:lock:profile:{id}}. */
    private String lockKey(TenantScope scope, String profileId) {
        return keys.scoped(scope, "lock:profile:" + profileId);
    }

    private Lease started(RedisLease taken) {
        try {
            taken.startRenewal(watchdog);
            return taken;
        } catch (RejectedExecutionException e) {
            taken.close();
            throw new IllegalStateException("profile locks are closed", e);
        }
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}

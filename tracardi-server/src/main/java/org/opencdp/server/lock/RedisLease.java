package org.opencdp.server.lock;

import java.lang.ref.WeakReference;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.opencdp.server.lock.ProfileLocks.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One held profile lock. The watchdog renews it every {@code lease/3}; it counts as held only while the
 * last confirmed renewal is younger than the lease, so a holder cut off from Redis (or paused) learns that
 * it may have lost the lock even before anyone else takes it.
 */
final class RedisLease implements Lease {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLease.class);

    private final JedisPooled jedis;
    private final String profileId;
    private final String key;
    private final String token;
    private final long leaseNanos;
    private final Renewal renewal;

    /** {@link System#nanoTime()} until which the lock is certainly ours; guarded by {@code this}. */
    private long validUntil;
    private boolean lost;
    private boolean closed;

    /** @param sentAt when the acquiring {@code SET} was sent: the lease counts from then, not from the reply */
    RedisLease(JedisPooled jedis, String profileId, String key, String token, long leaseNanos, long sentAt) {
        this.jedis = jedis;
        this.profileId = profileId;
        this.key = key;
        this.token = token;
        this.leaseNanos = leaseNanos;
        this.validUntil = sentAt + leaseNanos;
        this.renewal = new Renewal(this, key, leaseNanos);
    }

    /** Starts the periodic renewal on the shared watchdog. */
    void startRenewal(ScheduledExecutorService watchdog) {
        renewal.scheduleNext(watchdog);
    }

    @Override
    public String profileId() {
        return profileId;
    }

    String key() {
        return key;
    }

    @Override
    public synchronized boolean held() {
        if (!lost && !closed && System.nanoTime() - validUntil >= 0) {
            // Sticky: once the lease may have run out, a late renewal must not make it look held again.
            lost = true;
            LOG.warn("profile lock {} was not renewed within its lease; treating it as lost", key);
        }
        return !lost && !closed;
    }

    /** One watchdog round; true when the lease should be renewed again. */
    private boolean renew() {
        if (!held()) {
            return false;
        }
        long sentAt = System.nanoTime();
        boolean renewed;
        try {
            renewed = LockScripts.renew(jedis, key, token, TimeUnit.NANOSECONDS.toMillis(leaseNanos));
        } catch (JedisException e) {
            // Keep trying: held() turns false by itself once the lease has run out without a renewal.
            LOG.warn("could not renew profile lock {}: {}", key, e.getMessage());
            return held();
        }
        synchronized (this) {
            if (lost || closed) {
                return false;
            }
            if (!renewed) {
                lost = true;
                LOG.warn("profile lock {} is owned by another holder now; the lease was lost", key);
                return false;
            }
            validUntil = Math.max(validUntil, sentAt + leaseNanos);
            return true;
        }
    }

    @Override
    public void close() {
        if (!stopForRelease()) {
            return;
        }
        try {
            // Even a lease that looks lost may still be ours in Redis (renewals failed); the token check
            // makes the delete safe either way.
            LockScripts.release(jedis, key, token);
        } catch (JedisException e) {
            LOG.warn("could not release profile lock {} (it expires by itself): {}", key, e.getMessage());
        }
    }

    /**
     * Marks the lease closed and stops its renewal, leaving the release in Redis to the caller ({@link #close} or a
     * pipelined release of several leases). False when it was closed already: then nothing is to be released.
     */
    boolean stopForRelease() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        renewal.cancel();
        return true;
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return "Lease[" + key + "]";
    }

    /**
     * The watchdog task. It reaches its lease only weakly: a lease dropped without {@code close()} (a bug in
     * the holder) stops being renewed and expires, instead of blocking its profile for as long as the
     * process lives.
     */
    private static final class Renewal implements Runnable {

        private final WeakReference<RedisLease> lease;
        private final String key;
        private final long periodNanos;
        private volatile ScheduledExecutorService watchdog;
        private volatile ScheduledFuture<?> next;
        private volatile boolean cancelled;

        Renewal(RedisLease lease, String key, long leaseNanos) {
            this.lease = new WeakReference<>(lease);
            this.key = key;
            this.periodNanos = Math.max(leaseNanos / 3, TimeUnit.MILLISECONDS.toNanos(1));
        }

        void scheduleNext(ScheduledExecutorService executor) {
            watchdog = executor;
            if (!cancelled) {
                next = executor.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
            }
        }

        void cancel() {
            cancelled = true;
            ScheduledFuture<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        @Override
        public void run() {
            RedisLease current = lease.get();
            if (current == null) {
                LOG.warn("profile lock {} was dropped without being released; it expires after its lease", key);
                return;
            }
            // One-shot re-scheduling rather than a fixed rate: a slow renewal never queues up a burst of them.
            if (current.renew() && !cancelled && !watchdog.isShutdown()) {
                try {
                    scheduleNext(watchdog);
                } catch (RejectedExecutionException e) {
                    // The watchdog shut down meanwhile: the process is stopping and the lease simply expires.
                }
            }
        }
    }
}

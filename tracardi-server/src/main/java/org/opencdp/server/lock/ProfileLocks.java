package org.opencdp.server.lock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.profile.ScopedProfileId;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;

/**
 * Per-profile lease locks (processing §4.1): one batch at a time per profile, across every worker. A held
 * lease is renewed by a watchdog until released; a lock is never broken into by a waiter.
 */
public interface ProfileLocks {

    /**
     * Takes the lock of one profile, waiting up to {@code locks.waitTimeout}.
     *
     * @throws TransientQueueException when the wait times out (the batch is re-delivered later)
     */
    Lease acquire(TenantScope scope, String profileId) throws TransientQueueException;

    /**
     * Takes the lock of one profile if it is free now, without waiting: empty when another holder has it. For a
     * caller that already holds other locks and must not wait while holding them.
     *
     * @throws TransientQueueException when the lock service is unavailable
     */
    Optional<Lease> tryAcquire(TenantScope scope, String profileId) throws TransientQueueException;

    /**
     * {@link #tryAcquire} of several distinct profiles, in one round trip where the store can: one answer per profile,
     * in order, empty where another holder has the lock. A worker starting a group of batches takes its locks so.
     *
     * @throws TransientQueueException when the lock service is unavailable; then none is held
     */
    default List<Optional<Lease>> tryAcquireEach(List<ScopedProfileId> profiles) throws TransientQueueException {
        List<Optional<Lease>> taken = new ArrayList<>(profiles.size());
        try {
            for (ScopedProfileId profile : profiles) {
                taken.add(tryAcquire(profile.scope(), profile.profileId()));
            }
            return taken;
        } catch (TransientQueueException | RuntimeException e) {
            taken.forEach(lease -> lease.ifPresent(Lease::close));
            throw e;
        }
    }

    /** Releases several leases, as closing each would, in one round trip where the store can. */
    default void releaseAll(List<Lease> leases) {
        leases.forEach(Lease::close);
    }

    /**
     * Takes several locks (a merge) in ascending id order within a short budget; on failure releases what
     * it took and throws, so two merges can never deadlock.
     */
    List<Lease> acquireAll(TenantScope scope, Collection<String> profileIds) throws TransientQueueException;

    /** A held lock. Closing it releases the lock only if this holder still owns it. */
    interface Lease extends AutoCloseable {

        String profileId();

        /** False once the lease was lost (e.g. the renewal failed for longer than the lease). */
        boolean held();

        @Override
        void close();
    }
}

package org.opencdp.server.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batches this node awaits, each with the futures of its callers. Whoever removes a waiter from the map
 * completes it, so a waiter is completed exactly once and counted down exactly once, whichever of the
 * notification, the timeout or a shutdown comes first. Futures are always completed outside the map's locks,
 * because their dependents are caller code.
 */
final class PendingAwaits {

    private final ConcurrentHashMap<BatchRef, List<Waiter>> byBatch = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** One caller's await. */
    static final class Waiter {
        final BatchRef batch;
        final CompletableFuture<Optional<String>> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timer;

        private Waiter(BatchRef batch) {
            this.batch = batch;
        }

        private void cancelTimer() {
            ScheduledFuture<?> scheduled = timer;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    Waiter register(BatchRef batch) {
        Waiter waiter = new Waiter(batch);
        count.incrementAndGet();
        byBatch.merge(batch, List.of(waiter), PendingAwaits::concat);
        return waiter;
    }

    boolean awaits(BatchRef batch) {
        return byBatch.containsKey(batch);
    }

    /** Snapshot of the awaited batches, for re-checking their records after a reconnect. */
    Set<BatchRef> batches() {
        return Set.copyOf(byBatch.keySet());
    }

    /** Completes every waiter of {@code batch} with its record. */
    void resolve(BatchRef batch, String record) {
        List<Waiter> waiters = byBatch.remove(batch);
        if (waiters != null) {
            for (Waiter waiter : waiters) {
                count.decrementAndGet();
                waiter.cancelTimer();
                waiter.future.complete(Optional.of(record));
            }
        }
    }

    /** Completes one waiter with empty (timeout), unless something else completed it first. */
    void expire(Waiter waiter) {
        if (discard(waiter)) {
            waiter.future.complete(Optional.empty());
        }
    }

    /** Forgets a waiter without completing it (its caller completed or cancelled the future); true if it was pending. */
    boolean discard(Waiter waiter) {
        boolean[] removed = {false};
        byBatch.computeIfPresent(waiter.batch, (batch, waiters) -> {
            if (!waiters.contains(waiter)) {
                return waiters;
            }
            removed[0] = true;
            List<Waiter> rest = new ArrayList<>(waiters);
            rest.remove(waiter);
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
        if (removed[0]) {
            count.decrementAndGet();
            waiter.cancelTimer();
        }
        return removed[0];
    }

    /** Completes every waiter with empty, on shutdown. */
    void expireAll() {
        for (BatchRef batch : batches()) {
            List<Waiter> waiters = byBatch.remove(batch);
            if (waiters != null) {
                for (Waiter waiter : waiters) {
                    count.decrementAndGet();
                    waiter.cancelTimer();
                    waiter.future.complete(Optional.empty());
                }
            }
        }
    }

    int size() {
        return count.get();
    }

    private static List<Waiter> concat(List<Waiter> first, List<Waiter> second) {
        List<Waiter> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}

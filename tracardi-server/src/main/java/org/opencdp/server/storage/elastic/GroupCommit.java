package org.opencdp.server.storage.elastic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: many threads each hand over a small list of items and wait for their results, while a few
 * sender threads take whatever is queued at that moment and send it as one request. Under load the requests
 * grow (one {@code _bulk} for the writes of many batches) instead of their number; when nothing is in flight, a
 * caller sends its own items at once on its own thread, so nothing waits for a timer or a thread switch. Results come back in the order the caller gave its items.
 *
 * <p>A failure of a combined request (Elasticsearch unavailable) fails every caller in it with the same
 * exception; each caller then retries or re-delivers its own work as it would after its own request failed.
 *
 * @param <T> what a caller sends (one bulk action, one document to read)
 * @param <R> what it gets back for each item
 */
final class GroupCommit<T, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final LinkedBlockingQueue<Group<T, R>> queue = new LinkedBlockingQueue<>();
    private final Function<List<T>, List<R>> send;
    private final ToLongFunction<T> weight;
    private final int maxItems;
    private final long maxWeight;
    private final List<Thread> senders = new ArrayList<>();
    /** Combined or direct requests being sent right now. */
    private final AtomicInteger sending = new AtomicInteger();
    private volatile boolean closed;

    /** The items of one caller, sent together and answered together. */
    private record Group<T, R>(List<T> items, CompletableFuture<List<R>> result) {
    }

    /**
     * @param send      sends the items of several callers as one request; returns one result per item, in order
     * @param weight    the size an item adds to a request (bytes), bounded by {@code maxWeight} per request
     * @param maxItems  items per request at most (a single caller's list may exceed it: it is never split)
     */
    GroupCommit(String name, int senders, int maxItems, long maxWeight, ToLongFunction<T> weight,
                Function<List<T>, List<R>> send) {
        this.send = send;
        this.weight = weight;
        this.maxItems = maxItems;
        this.maxWeight = maxWeight;
        for (int i = 1; i <= senders; i++) {
            Thread thread = new Thread(this::run, name + "-" + i);
            thread.setDaemon(true);
            this.senders.add(thread);
            thread.start();
        }
    }

    /** Sends the items with those of other callers and waits for their results (in the same order). */
    List<R> submit(List<T> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        if (closed) {
            return send.apply(items);
        }
        // Nothing in flight: send at once on this thread rather than hand over to a sender (one thread switch less,
        // which costs most on a saturated machine). While a request is in flight, callers queue up and go together.
        if (queue.isEmpty() && sending.compareAndSet(0, 1)) {
            try {
                return send.apply(items);
            } finally {
                sending.decrementAndGet();
            }
        }
        Group<T, R> group = new Group<>(items, new CompletableFuture<>());
        queue.add(group);
        try {
            while (true) {
                try {
                    return group.result().get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    // Closed after this group was queued and drained: send it here.
                    if (closed && queue.remove(group)) {
                        return send.apply(items);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticUnavailableException("interrupted while waiting for a combined Elasticsearch request", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Callers waiting for a sender (for tests). */
    int queued() {
        return queue.size();
    }

    private void run() {
        while (!closed) {
            Group<T, R> first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                continue;
            }
            List<Group<T, R>> groups = new ArrayList<>();
            groups.add(first);
            int items = first.items().size();
            long total = weigh(first);
            while (items < maxItems && total < maxWeight) {
                Group<T, R> next = queue.peek();
                if (next == null || items + next.items().size() > maxItems || total + weigh(next) > maxWeight) {
                    break;
                }
                // Only this sender polls between peek and poll when it is alone; with several, re-check.
                Group<T, R> taken = queue.poll();
                if (taken == null) {
                    break;
                }
                groups.add(taken);
                items += taken.items().size();
                total += weigh(taken);
            }
            sendAll(groups, items);
        }
    }

    private void sendAll(List<Group<T, R>> groups, int items) {
        List<T> all = new ArrayList<>(items);
        groups.forEach(group -> all.addAll(group.items()));
        List<R> results;
        sending.incrementAndGet();
        try {
            results = send.apply(all);
            if (results.size() != all.size()) {
                throw new IllegalStateException("combined request answered " + results.size() + " of " + all.size() + " items");
            }
        } catch (RuntimeException e) {
            groups.forEach(group -> group.result().completeExceptionally(e));
            return;
        } catch (Error e) {
            groups.forEach(group -> group.result().completeExceptionally(e));
            LOG.error("combined Elasticsearch request failed", e);
            return;
        } finally {
            sending.decrementAndGet();
        }
        int from = 0;
        for (Group<T, R> group : groups) {
            int to = from + group.items().size();
            group.result().complete(new ArrayList<>(results.subList(from, to)));
            from = to;
        }
    }

    private long weigh(Group<T, R> group) {
        long total = 0;
        for (T item : group.items()) {
            total += weight.applyAsLong(item);
        }
        return total;
    }

    /** Stops the senders; queued callers are served by the caller's own thread from then on. */
    @Override
    public void close() {
        closed = true;
        senders.forEach(Thread::interrupt);
        Group<T, R> left;
        while ((left = queue.poll()) != null) {
            Group<T, R> group = left;
            try {
                group.result().complete(send.apply(group.items()));
            } catch (RuntimeException e) {
                group.result().completeExceptionally(e);
            }
        }
    }
}

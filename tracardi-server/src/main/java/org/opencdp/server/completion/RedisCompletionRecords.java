package org.opencdp.server.completion;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.opencdp.server.config.RedisConfig;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;
import org.opencdp.server.storage.redis.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * Completion records in Redis (processing §2.3): the worker stores {@code {prefix}:done:{batch}} for 10 minutes
 * and publishes {@code {tenant}:{ctx}:{batch}} on the global channel {@code {keyPrefix}:done}; every collector
 * node runs one subscriber and completes only the awaits it registered itself.
 *
 * <p>No await is lost to timing: an await registers before it reads the record, so a completion either
 * precedes the read or notifies the registered await; after the subscriber reconnects, every pending await
 * reads its record again, since notifications published meanwhile are gone but records are not.
 *
 * <p>Futures are completed on this class's threads (fetch, timer) or, for the in-process shortcut, on the
 * thread that calls {@link #complete}; callers with slow dependents (writing a response) should continue with
 * the {@code *Async} variants on their own executor.
 */
public final class RedisCompletionRecords implements CompletionRecords, Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCompletionRecords.class);
    /** The record outlives any collector's await by far; it also lets P1 skip a re-delivered batch (§2.4). */
    static final long RECORD_TTL_SECONDS = 600;
    private static final int MGET_CHUNK = 500;
    private static final int FETCH_QUEUE = 16_384;

    private final JedisPooled jedis;
    private final RedisKeys keys;
    private final String channel;
    private final PendingAwaits pending = new PendingAwaits();
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor fetcher;
    private final CompletionSubscriber subscriber;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopped;

    public RedisCompletionRecords(RedisStore store, RedisConfig config) {
        this(store, CompletionSubscriber.connections(config), CompletionSubscriber.Settings.defaults());
    }

    RedisCompletionRecords(RedisStore store, Supplier<Jedis> subscriberConnections, CompletionSubscriber.Settings settings) {
        this.jedis = store.jedis();
        this.keys = store.keys();
        this.channel = channel(keys);
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("completion-timer"));
        // Cancelled timeouts (the usual case) would otherwise stay queued until they were due.
        this.timer.setRemoveOnCancelPolicy(true);
        // Bounded like every in-process queue (§11); see fetch() for what happens when it is full.
        this.fetcher = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(FETCH_QUEUE),
                daemon("completion-fetch"));
        this.fetcher.allowCoreThreadTimeOut(true);
        this.subscriber = new CompletionSubscriber(subscriberConnections, channel, this::onNotification,
                this::recheckPending, settings, timer);
    }

    /** The global notification channel, {@code {keyPrefix}:done}. */
    public static String channel(RedisKeys keys) {
        return keys.prefix() + ":done";
    }

    @Override
    public void start() {
        if (started.compareAndSet(false, true)) {
            subscriber.start();
        }
    }

    /** Ends the subscriber and completes every pending await with empty, as a timeout would. */
    @Override
    public void stop() throws InterruptedException {
        stopped = true;
        try {
            subscriber.stop(Duration.ofSeconds(5));
        } finally {
            pending.expireAll();
            fetcher.shutdownNow();
            timer.shutdownNow();
        }
    }

    @Override
    public void complete(TenantScope scope, String batchId, String recordJson) {
        completeAll(List.of(new Completion(new BatchRef(scope, batchId), recordJson)));
    }

    @Override
    public void completeAll(List<Completion> completed) {
        if (completed.isEmpty()) {
            return;
        }
        // One transaction: each record exists whenever its notification does, all in one round trip.
        try (AbstractTransaction transaction = jedis.multi()) {
            for (Completion done : completed) {
                transaction.set(done.batch().recordKey(keys), done.recordJson(), SetParams.setParams().ex(RECORD_TTL_SECONDS));
                transaction.publish(channel, done.batch().message());
            }
            transaction.exec();
        }
        // The all-in-one role awaits its own batches: no need to wait for the round trip through the channel.
        completed.forEach(done -> pending.resolve(done.batch(), done.recordJson()));
    }

    @Override
    public Optional<String> find(TenantScope scope, String batchId) {
        return Optional.ofNullable(jedis.get(new BatchRef(scope, batchId).recordKey(keys)));
    }

    @Override
    public List<Optional<String>> findAll(List<BatchRef> batches) {
        if (batches.isEmpty()) {
            return List.of();
        }
        List<String> records = jedis.mget(batches.stream().map(batch -> batch.recordKey(keys)).toArray(String[]::new));
        List<Optional<String>> found = new ArrayList<>(records.size());
        records.forEach(record -> found.add(Optional.ofNullable(record)));
        return found;
    }

    @Override
    public CompletableFuture<Optional<String>> await(TenantScope scope, String batchId, Duration timeout) {
        BatchRef batch = new BatchRef(scope, batchId);
        if (stopped) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        PendingAwaits.Waiter waiter = pending.register(batch);
        // A caller that cancels (its client went away) must not leave the entry behind.
        waiter.future.whenComplete((record, error) -> pending.discard(waiter));
        try {
            ScheduledFuture<?> timeoutTask = timer.schedule(() -> pending.expire(waiter), Math.max(0, timeout.toMillis()),
                    TimeUnit.MILLISECONDS);
            waiter.timer = timeoutTask;
            if (waiter.future.isDone()) {
                timeoutTask.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            pending.expire(waiter); // stopped meanwhile
            return waiter.future;
        }
        if (stopped) {
            // stop() may have drained the awaits and dropped the timers just before this one registered.
            pending.expire(waiter);
            return waiter.future;
        }
        // Registered first, read second: a record written before the registration is found here, one written
        // after it is announced to the registered await.
        fetch(batch, false);
        return waiter.future;
    }

    @Override
    public int awaiting() {
        return pending.size();
    }

    /** Test access: waits for the subscription. */
    boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscriber.awaitSubscribed(timeout);
    }

    CompletionSubscriber subscriber() {
        return subscriber;
    }

    private void onNotification(String message) {
        BatchRef.fromMessage(message).filter(pending::awaits).ifPresent(batch -> fetch(batch, true));
    }

    /**
     * Reads a record on the fetch pool. When the pool is saturated the subscriber (mayRunHere) reads it itself,
     * which slows the notifications down instead of buffering them; an await's caller never does, its await is
     * then answered by the notification or the timeout.
     */
    private void fetch(BatchRef batch, boolean mayRunHere) {
        submit(() -> {
            try {
                String record = jedis.get(batch.recordKey(keys));
                if (record != null) {
                    pending.resolve(batch, record);
                }
            } catch (RuntimeException e) {
                // The timeout answers this await; a lost connection also makes the subscriber re-check.
                LOG.debug("reading completion record of {}: {}", batch, e.toString());
            }
        }, mayRunHere);
    }

    private void submit(Runnable task, boolean mayRunHere) {
        try {
            fetcher.execute(task);
        } catch (RejectedExecutionException e) {
            if (mayRunHere && !fetcher.isShutdown()) {
                task.run();
            } else {
                LOG.debug("completion fetch pool saturated or stopped; leaving the read to the notification or timeout");
            }
        }
    }

    /** After every (re)subscription: notifications sent while disconnected are lost, the records are not. */
    private void recheckPending() {
        List<BatchRef> batches = new ArrayList<>(pending.batches());
        if (batches.isEmpty()) {
            return;
        }
        LOG.debug("re-checking {} pending completion records", batches.size());
        submit(() -> {
            for (int from = 0; from < batches.size(); from += MGET_CHUNK) {
                List<BatchRef> chunk = batches.subList(from, Math.min(from + MGET_CHUNK, batches.size()));
                try {
                    List<String> records = jedis.mget(chunk.stream().map(batch -> batch.recordKey(keys)).toArray(String[]::new));
                    for (int i = 0; i < chunk.size(); i++) {
                        if (records.get(i) != null) {
                            pending.resolve(chunk.get(i), records.get(i));
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("re-checking pending completion records failed: {}", e.toString());
                    return;
                }
            }
        }, true);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package org.opencdp.server.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time per key, in submission order, on a fixed pool of threads.
 *
 * <p>A task may ask to run again after a delay (a retry with backoff). Its key then waits, with the key's
 * later tasks queued behind it, while the threads serve other keys: one failing key never holds up the
 * others, which fixed "hash of key → lane" threads would do as soon as a lane's queue filled. The number
 * of queued tasks is bounded; {@link #submit} waits for room, so the consumer loop stops receiving.
 */
final class KeyedExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedExecutor.class);
    private static final Duration AFTER_UNEXPECTED = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 100;

    /** One unit of work for a key. */
    interface Task {
        /** Runs the task; returns {@code null} when done, else how long to wait before running it again. */
        Duration run() throws InterruptedException;
    }

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final Semaphore room;
    private final Object lock = new Object();
    /** Tasks per key; a key is present while it has tasks, and then exactly one runner is queued or running. */
    private final Map<String, ArrayDeque<Task>> keys = new HashMap<>();
    private volatile boolean closed;

    KeyedExecutor(String name, int threads, int capacity) {
        // The work queue holds at most one runner per key with tasks, so it is bounded by capacity too.
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemonThreads(name));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads(name + "-retry"));
        this.room = new Semaphore(capacity);
    }

    /**
     * Queues a task behind the key's earlier tasks, waiting while the executor is full. Returns false when
     * the executor closed first; the task was then not queued.
     */
    boolean submit(String key, Task task) throws InterruptedException {
        while (!room.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (closed) {
                return false;
            }
        }
        synchronized (lock) {
            if (closed) {
                room.release();
                return false;
            }
            ArrayDeque<Task> queue = keys.get(key);
            if (queue != null) {
                queue.add(task);
                return true;
            }
            queue = new ArrayDeque<>();
            queue.add(task);
            keys.put(key, queue);
        }
        schedule(key);
        return true;
    }

    /** Tasks queued or running. */
    int queued() {
        synchronized (lock) {
            return keys.values().stream().mapToInt(ArrayDeque::size).sum();
        }
    }

    private void schedule(String key) {
        try {
            workers.execute(() -> runHead(key));
        } catch (RejectedExecutionException e) {
            // Closing: the task's message stays unacknowledged and is re-delivered.
        }
    }

    private void runHead(String key) {
        Task head;
        synchronized (lock) {
            if (closed) {
                return;
            }
            head = keys.get(key).peek();
        }
        Duration again;
        try {
            again = head.run();
        } catch (InterruptedException e) {
            if (closed) {
                return;
            }
            again = AFTER_UNEXPECTED;
        } catch (Throwable e) {
            // Tasks handle their own failures; this guards the key against being stuck by a bug or an Error.
            LOG.error("Queue task of key {} failed unexpectedly; retrying in {}", key, AFTER_UNEXPECTED, e);
            again = AFTER_UNEXPECTED;
        }
        if (closed) {
            return;
        }
        if (again != null) {
            try {
                timer.schedule(() -> schedule(key), Math.max(0, again.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closing.
            }
            return;
        }
        boolean more;
        synchronized (lock) {
            ArrayDeque<Task> queue = keys.get(key);
            if (queue == null) {
                return;
            }
            queue.poll();
            more = !queue.isEmpty();
            if (!more) {
                keys.remove(key);
            }
        }
        room.release();
        if (more) {
            // Back to the end of the pool's queue rather than looping, so busy keys take turns with the others.
            schedule(key);
        }
    }

    /**
     * Stops starting tasks, drops the queued ones (their messages stay unacknowledged), and waits up to
     * {@code grace} for running ones before interrupting them. Returns whether they all finished in time.
     */
    boolean close(Duration grace) throws InterruptedException {
        synchronized (lock) {
            closed = true;
            keys.clear();
        }
        timer.shutdownNow();
        workers.shutdown();
        if (workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        workers.shutdownNow();
        workers.awaitTermination(1, TimeUnit.SECONDS);
        return false;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package org.opencdp.server.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
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
 *
 * <p>With a {@link Group} runner, a thread takes up to {@code maxGroup} ready keys at once, with up to
 * {@code maxGroup} of the queued tasks of each, and runs them in one call, so that they can share backend
 * requests (and a key's consecutive tasks can share their work). A thread takes no more than its share of the
 * ready keys (ready keys over idle threads), so under light load every task still starts at once on its own
 * thread; groups form only when keys wait for a thread anyway.
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

    /** Runs the tasks of several keys together. */
    interface Group {
        /**
         * Runs the tasks; returns, per task and in the same order, {@code null} when it is done, else how long to
         * wait before running it again. The tasks of one key are adjacent and in their order. Once a task of a key
         * is not done, the later tasks of that key must not have run: their answers are ignored, and they run
         * again, after it.
         */
        List<Duration> run(List<Task> tasks) throws InterruptedException;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final Semaphore room;
    private final int maxGroup;
    private final Group group;
    private final Object lock = new Object();
    /** Tasks per key; a key is present while it has tasks, and then it is ready, running or waiting for a retry. */
    private final Map<String, ArrayDeque<Task>> keys = new HashMap<>();
    /** Keys whose head task may run now, oldest first. */
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    /** Threads waiting for a ready key. */
    private int idle;
    private volatile boolean closed;

    /** Runs one task per thread at a time. */
    KeyedExecutor(String name, int threads, int capacity) {
        this(name, threads, capacity, 1, null);
    }

    /**
     * @param group runs up to {@code maxGroup} keys on one thread, up to {@code maxGroup} tasks of each (null: one
     *              task at a time)
     */
    KeyedExecutor(String name, int threads, int capacity, int maxGroup, Group group) {
        if (maxGroup < 1 || (maxGroup > 1 && group == null)) {
            throw new IllegalArgumentException("maxGroup must be 1, or more with a group runner: " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.group = group;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, name + "-retry"));
        this.room = new Semaphore(capacity);
        AtomicInteger counter = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            Thread thread = daemon(this::work, name + "-" + counter.incrementAndGet());
            this.threads.add(thread);
            thread.start();
        }
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
            makeReady(key);
        }
        return true;
    }

    /** Tasks queued or running. */
    int queued() {
        synchronized (lock) {
            return keys.values().stream().mapToInt(ArrayDeque::size).sum();
        }
    }

    private void makeReady(String key) {
        ready.add(key);
        lock.notify();
    }

    private void work() {
        while (true) {
            List<String> taken;
            List<Task> tasks;
            synchronized (lock) {
                idle++;
                try {
                    while (!closed && ready.isEmpty()) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    idle--;
                }
                if (closed) {
                    return;
                }
                // This thread's share of the ready keys: the idle threads (and this one) split them evenly.
                int share = Math.min(maxGroup, Math.max(1, (ready.size() + idle) / (idle + 1)));
                taken = new ArrayList<>(share);
                tasks = new ArrayList<>(share);
                for (int k = 0; k < share && !ready.isEmpty(); k++) {
                    String key = ready.poll();
                    // A key's queued tasks would run one after another anyway: a group takes them together.
                    int count = 0;
                    for (Task task : keys.get(key)) {
                        if (count++ == maxGroup) {
                            break;
                        }
                        taken.add(key);
                        tasks.add(task);
                    }
                }
                if (!ready.isEmpty()) {
                    lock.notify();
                }
            }
            List<Duration> again = run(tasks);
            if (closed) {
                return;
            }
            for (int from = 0, to; from < taken.size(); from = to) {
                to = from + 1;
                while (to < taken.size() && taken.get(to).equals(taken.get(from))) {
                    to++;
                }
                finished(taken.get(from), again.subList(from, to));
            }
        }
    }

    private List<Duration> run(List<Task> tasks) {
        if (tasks.size() == 1) {
            return Collections.singletonList(runOne(tasks.get(0)));
        }
        try {
            List<Duration> again = group.run(tasks);
            if (again.size() != tasks.size()) {
                throw new IllegalStateException("group runner answered " + again.size() + " of " + tasks.size() + " tasks");
            }
            return again;
        } catch (InterruptedException e) {
            return Collections.nCopies(tasks.size(), closed ? null : AFTER_UNEXPECTED);
        } catch (Throwable e) {
            LOG.error("Queue tasks of {} keys failed unexpectedly; retrying in {}", tasks.size(), AFTER_UNEXPECTED, e);
            return Collections.nCopies(tasks.size(), AFTER_UNEXPECTED);
        }
    }

    private Duration runOne(Task head) {
        try {
            return head.run();
        } catch (InterruptedException e) {
            return closed ? null : AFTER_UNEXPECTED;
        } catch (Throwable e) {
            // Tasks handle their own failures; this guards the key against being stuck by a bug or an Error.
            LOG.error("Queue task failed unexpectedly; retrying in {}", AFTER_UNEXPECTED, e);
            return AFTER_UNEXPECTED;
        }
    }

    /** After a run of the key's first tasks: drops those done, up to the first that is not, which waits for its retry. */
    private void finished(String key, List<Duration> results) {
        Duration again = null;
        synchronized (lock) {
            ArrayDeque<Task> queue = keys.get(key);
            if (queue == null) {
                return;
            }
            for (Duration result : results) {
                if (result != null) {
                    again = result;
                    break;
                }
                queue.poll();
                room.release();
            }
            if (again == null) {
                if (queue.isEmpty()) {
                    keys.remove(key);
                } else {
                    // Behind the other ready keys rather than at once, so busy keys take turns with the others.
                    makeReady(key);
                }
                return;
            }
        }
        try {
            timer.schedule(() -> retry(key), Math.max(0, again.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }

    private void retry(String key) {
        synchronized (lock) {
            if (!closed && keys.containsKey(key)) {
                makeReady(key);
            }
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
            ready.clear();
            lock.notifyAll();
        }
        timer.shutdownNow();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean finished = true;
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            finished &= !thread.isAlive();
        }
        if (finished) {
            return true;
        }
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(1000);
        }
        return false;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}

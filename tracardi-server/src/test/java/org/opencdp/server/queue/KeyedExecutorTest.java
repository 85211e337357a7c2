package org.opencdp.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedExecutorTest {

    private static final CountDownLatch OPEN = new CountDownLatch(0);

    /** A task that waits for its gate, then records its key and number. */
    private record Step(String key, int number, Map<String, List<Integer>> done, CountDownLatch gate)
            implements KeyedExecutor.Task {

        Step(String key, int number, Map<String, List<Integer>> done) {
            this(key, number, done, OPEN);
        }

        @Override
        public Duration run() throws InterruptedException {
            gate.await(10, TimeUnit.SECONDS);
            done.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(number);
            return null;
        }
    }

    /**
     * A group runner as the contract asks: tasks in order, and none after one that is not done (the later tasks of
     * its key must wait; those of other keys just run again).
     */
    private static List<Duration> runInOrder(List<KeyedExecutor.Task> tasks) throws InterruptedException {
        List<Duration> again = new ArrayList<>();
        boolean stopped = false;
        for (KeyedExecutor.Task task : tasks) {
            Duration result = stopped ? Duration.ZERO : task.run();
            stopped |= result != null;
            again.add(result);
        }
        return again;
    }

    @Test
    void groupedTasksKeepTheOrderOfEachKeyAndGroupsFormUnderBacklog() throws Exception {
        Map<String, List<Integer>> done = new ConcurrentHashMap<>();
        List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        KeyedExecutor executor = new KeyedExecutor("test", 2, 1_000, 4, tasks -> {
            groupSizes.add(tasks.size());
            return runInOrder(tasks);
        });
        try {
            for (int n = 0; n < 50; n++) {
                for (int k = 0; k < 10; k++) {
                    assertThat(executor.submit("key-" + k, new Step("key-" + k, n, done, release))).isTrue();
                }
            }
            // The threads waited at the gate until the backlog was queued: the keys then wait for a thread and groups form.
            release.countDown();
            waitUntil(() -> executor.queued() == 0);
        } finally {
            executor.close(Duration.ofSeconds(5));
        }
        assertThat(done).hasSize(10);
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            expected.add(n);
        }
        done.values().forEach(numbers -> assertThat(numbers).containsExactlyElementsOf(expected));
        // Up to 4 keys, and up to 4 queued tasks of each: a key's backlog goes in the same group.
        assertThat(groupSizes).allMatch(size -> size >= 1 && size <= 16);
        assertThat(groupSizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isEqualTo(16);
    }

    @Test
    void inAGroupTheTasksOfAKeyAfterOneThatIsNotDoneWaitForIt() throws Exception {
        Map<String, List<Integer>> done = new ConcurrentHashMap<>();
        AtomicInteger secondRuns = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        KeyedExecutor executor = new KeyedExecutor("test", 1, 100, 4, tasks -> {
            groupSizes.add(tasks.size());
            return runInOrder(tasks);
        });
        try {
            executor.submit("a", new Step("a", 1, done, release));
            executor.submit("a", new Step("a", 2, done));
            executor.submit("a", () -> {
                if (secondRuns.incrementAndGet() < 3) {
                    return Duration.ofMillis(20);
                }
                done.get("a").add(3);
                return null;
            });
            executor.submit("a", new Step("a", 4, done));
            release.countDown();
            waitUntil(() -> executor.queued() == 0);
        } finally {
            executor.close(Duration.ofSeconds(5));
        }
        assertThat(done.get("a")).containsExactly(1, 2, 3, 4);
        assertThat(secondRuns.get()).isEqualTo(3);
        // How the key's tasks split into groups depends on the threads' timing, but the third's retries always
        // carried the fourth, held back behind it, in the same group.
        assertThat(groupSizes).isNotEmpty().allMatch(size -> size >= 2 && size <= 4);
    }

    @Test
    void underLightLoadEachKeyStartsAtOnceOnItsOwnThread() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        KeyedExecutor executor = new KeyedExecutor("test", 4, 100, 8, tasks -> {
            groupSizes.add(tasks.size());
            return Collections.nCopies(tasks.size(), null);
        });
        try {
            KeyedExecutor.Task waitsForTheOther = () -> {
                bothRunning.countDown();
                // Only true when the other key's task runs at the same time, on another thread.
                return bothRunning.await(5, TimeUnit.SECONDS) ? null : Duration.ofHours(1);
            };
            executor.submit("a", waitsForTheOther);
            executor.submit("b", waitsForTheOther);
            waitUntil(() -> executor.queued() == 0);
        } finally {
            executor.close(Duration.ofSeconds(5));
        }
        assertThat(bothRunning.getCount()).isZero();
        assertThat(groupSizes).isEmpty();
    }

    @Test
    void aTaskThatAsksToRunAgainHoldsItsKeyButNotTheOthers() throws Exception {
        Map<String, List<Integer>> done = new ConcurrentHashMap<>();
        AtomicInteger runs = new AtomicInteger();
        KeyedExecutor executor = new KeyedExecutor("test", 1, 100, 4, KeyedExecutorTest::runInOrder);
        try {
            executor.submit("slow", () -> runs.incrementAndGet() < 3 ? Duration.ofMillis(50) : null);
            executor.submit("slow", new Step("slow", 1, done));
            executor.submit("fast", new Step("fast", 1, done));
            waitUntil(() -> done.containsKey("fast"));
            assertThat(done).doesNotContainKey("slow");
            waitUntil(() -> executor.queued() == 0);
        } finally {
            executor.close(Duration.ofSeconds(5));
        }
        assertThat(runs.get()).isEqualTo(3);
        assertThat(done.get("slow")).containsExactly(1);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}

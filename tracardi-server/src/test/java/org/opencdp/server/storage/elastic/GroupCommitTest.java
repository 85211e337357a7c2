package org.opencdp.server.storage.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void eachCallerGetsTheResultsOfItsOwnItemsInOrder() throws Exception {
        List<Integer> requestSizes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 1, 1000, Long.MAX_VALUE, item -> 1, items -> {
            calls.incrementAndGet();
            await(release);
            requestSizes.add(items.size());
            return items.stream().map(item -> "r" + item).toList();
        })) {
            ExecutorService callers = Executors.newFixedThreadPool(9);
            try {
                // One request on the caller's thread, one on the only sender: the next seven callers queue up and go
                // out together.
                Future<List<String>> first = callers.submit(() -> commit.submit(List.of(0)));
                awaitTrue(() -> calls.get() == 1);
                List<Future<List<String>>> others = new ArrayList<>();
                others.add(callers.submit(() -> commit.submit(List.of(10, 11, 12))));
                awaitTrue(() -> calls.get() == 2);
                for (int caller = 2; caller <= 8; caller++) {
                    int base = caller * 10;
                    others.add(callers.submit(() -> commit.submit(List.of(base, base + 1, base + 2))));
                }
                awaitTrue(() -> commit.queued() == 7);
                release.countDown();
                assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly("r0");
                for (int caller = 1; caller <= 8; caller++) {
                    int base = caller * 10;
                    assertThat(others.get(caller - 1).get(5, TimeUnit.SECONDS))
                            .containsExactly("r" + base, "r" + (base + 1), "r" + (base + 2));
                }
                assertThat(requestSizes).containsExactlyInAnyOrder(1, 3, 21);
                // The sender sent the queued callers together after its own request (the caller's thread may record its
                // request of one at any moment after the release).
                assertThat(requestSizes.indexOf(21)).isGreaterThan(requestSizes.indexOf(3));
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aRequestIsBoundedByItsItemsButACallersListIsNeverSplit() throws Exception {
        List<List<Integer>> requests = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 4, Long.MAX_VALUE, item -> 1, items -> {
            calls.incrementAndGet();
            await(release);
            requests.add(List.copyOf(items));
            return items;
        })) {
            ExecutorService callers = Executors.newFixedThreadPool(5);
            try {
                // Nothing in flight: the first caller sends on its own thread; the next is taken by the sender at once.
                Future<List<Integer>> direct = callers.submit(() -> commit.submit(List.of(0)));
                awaitTrue(() -> calls.get() == 1);
                Future<List<Integer>> first = callers.submit(() -> commit.submit(List.of(1, 2, 3)));
                awaitTrue(() -> calls.get() == 2);
                // Both busy: these queue up, in this order.
                Future<List<Integer>> big = callers.submit(() -> commit.submit(List.of(4, 5, 6, 7, 8)));
                awaitTrue(() -> commit.queued() == 1);
                Future<List<Integer>> small = callers.submit(() -> commit.submit(List.of(9)));
                awaitTrue(() -> commit.queued() == 2);
                Future<List<Integer>> pair = callers.submit(() -> commit.submit(List.of(10, 11)));
                awaitTrue(() -> commit.queued() == 3);
                release.countDown();
                assertThat(direct.get(5, TimeUnit.SECONDS)).containsExactly(0);
                assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
                assertThat(big.get(5, TimeUnit.SECONDS)).containsExactly(4, 5, 6, 7, 8);
                assertThat(small.get(5, TimeUnit.SECONDS)).containsExactly(9);
                assertThat(pair.get(5, TimeUnit.SECONDS)).containsExactly(10, 11);
                // 5 items exceed the bound of 4 but are one caller's: alone; then 9 and 10, 11 together (3 ≤ 4).
                assertThat(requests).containsExactlyInAnyOrder(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6, 7, 8),
                        List.of(9, 10, 11));
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aFailedRequestFailsEveryCallerInItWithTheSameException() {
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 100, Long.MAX_VALUE, item -> 1, items -> {
            throw new ElasticUnavailableException("down");
        })) {
            assertThatThrownBy(() -> commit.submit(List.of(1, 2))).isInstanceOf(ElasticUnavailableException.class)
                    .hasMessage("down");
        }
    }

    @Test
    void afterCloseCallersSendTheirOwnRequests() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 100, Long.MAX_VALUE, item -> 1,
                items -> items.stream().map(item -> item * 2).toList());
        commit.close();
        assertThat(commit.submit(List.of(1, 2))).containsExactly(2, 4);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

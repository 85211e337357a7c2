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
        CountDownLatch firstRequestStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 1, 1000, Long.MAX_VALUE, item -> 1, items -> {
            requestSizes.add(items.size());
            firstRequestStarted.countDown();
            await(release);
            return items.stream().map(item -> "r" + item).toList();
        })) {
            ExecutorService callers = Executors.newFixedThreadPool(9);
            try {
                // The first request blocks the only sender; the next eight callers queue up and go out together.
                Future<List<String>> first = callers.submit(() -> commit.submit(List.of(0)));
                assertThat(firstRequestStarted.await(5, TimeUnit.SECONDS)).isTrue();
                List<Future<List<String>>> others = new ArrayList<>();
                for (int caller = 1; caller <= 8; caller++) {
                    int base = caller * 10;
                    others.add(callers.submit(() -> commit.submit(List.of(base, base + 1, base + 2))));
                }
                while (queuedCallers(commit) < 8) {
                    Thread.sleep(5);
                }
                release.countDown();
                assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly("r0");
                for (int caller = 1; caller <= 8; caller++) {
                    int base = caller * 10;
                    assertThat(others.get(caller - 1).get(5, TimeUnit.SECONDS))
                            .containsExactly("r" + base, "r" + (base + 1), "r" + (base + 2));
                }
                assertThat(requestSizes).containsExactly(1, 24);
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aRequestIsBoundedByItsItemsButACallersListIsNeverSplit() throws Exception {
        List<Integer> requestSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 4, Long.MAX_VALUE, item -> 1, items -> {
            if (calls.incrementAndGet() == 1) {
                await(release);
            }
            requestSizes.add(items.size());
            return items;
        })) {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                Future<List<Integer>> blocker = callers.submit(() -> commit.submit(List.of(1)));
                while (calls.get() == 0) {
                    Thread.sleep(5);
                }
                Future<List<Integer>> big = callers.submit(() -> commit.submit(List.of(1, 2, 3, 4, 5, 6)));
                while (queuedCallers(commit) < 1) {
                    Thread.sleep(5);
                }
                Future<List<Integer>> small = callers.submit(() -> commit.submit(List.of(7)));
                while (queuedCallers(commit) < 2) {
                    Thread.sleep(5);
                }
                release.countDown();
                assertThat(blocker.get(5, TimeUnit.SECONDS)).containsExactly(1);
                assertThat(big.get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3, 4, 5, 6);
                assertThat(small.get(5, TimeUnit.SECONDS)).containsExactly(7);
                assertThat(requestSizes).containsExactly(1, 6, 1);
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

    private static int queuedCallers(GroupCommit<?, ?> commit) {
        return commit.queued();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.opencdp.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The benchmark's HTTP load: the JDK's asynchronous client over loopback, HTTP/1.1 with keep-alive. Two
 * shapes, both bounded in time: a closed loop (a fixed number of requests in flight, each lane sending its next
 * request when the previous one is answered) and an open loop at a fixed rate, whose latency is measured
 * from the moment each request was due, so a stalled server cannot hide its queueing delay.
 */
final class LoadGenerator implements AutoCloseable {

    /** What one answer did to the counters; only 200 counts as accepted. */
    interface Check {
        boolean deferred(String body);
    }

    private final ExecutorService executor;
    private final HttpClient http;
    private final Duration requestTimeout;

    LoadGenerator(Duration requestTimeout) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "bench-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.requestTimeout = requestTimeout;
    }

    /** One request to send: method, URI and body. */
    record Call(String method, URI uri, byte[] body) {
    }

    /** Counters and latencies of one phase. */
    static final class Outcome {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong otherStatus = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong deferred = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicInteger lastOtherStatus = new AtomicInteger();
        volatile String lastError = "";
        private long[] latencies = new long[1 << 16];
        private int size;
        long startNanos;
        volatile long lastCompletionNanos;

        synchronized void latency(long nanos) {
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = nanos;
        }

        synchronized long[] sortedLatencies() {
            long[] copy = Arrays.copyOf(latencies, size);
            Arrays.sort(copy);
            return copy;
        }

        /** Seconds from the first request to the last answer. */
        double elapsedSeconds() {
            return Math.max(1, lastCompletionNanos - startNanos) / 1e9;
        }
    }

    /** Keeps {@code concurrency} requests in flight until {@code duration} has passed. */
    Outcome closedLoop(Supplier<Call> calls, int concurrency, Duration duration, Check check) throws InterruptedException {
        Outcome outcome = new Outcome();
        outcome.startNanos = System.nanoTime();
        long deadline = outcome.startNanos + duration.toNanos();
        CountDownLatch lanes = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(calls, deadline, outcome, check, lanes);
        }
        // Lanes stop sending at the deadline; the last answers may take up to the request timeout. Whatever is
        // still unanswered after that (a client that could not even connect) counts as failed.
        if (!lanes.await(duration.plus(requestTimeout).plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
            outcome.failed.addAndGet(lanes.getCount());
            outcome.lastError = lanes.getCount() + " requests unanswered after the request timeout";
        }
        return outcome;
    }

    private void next(Supplier<Call> calls, long deadline, Outcome outcome, Check check, CountDownLatch lanes) {
        if (System.nanoTime() >= deadline) {
            lanes.countDown();
            return;
        }
        Call call = calls.get();
        long sent = System.nanoTime();
        send(call, check).whenCompleteAsync((response, error) -> {
            record(outcome, response, error, check, System.nanoTime() - sent);
            next(calls, deadline, outcome, check, lanes);
        }, executor);
    }

    /**
     * Sends {@code rate} requests per second for {@code duration}, each at its due time whatever the answers
     * so far; at most {@code maxInFlight} are outstanding (a due request beyond that is counted as skipped).
     */
    Outcome fixedRate(Supplier<Call> calls, int rate, Duration duration, int maxInFlight, Check check)
            throws InterruptedException {
        Outcome outcome = new Outcome();
        long total = rate * duration.toSeconds();
        long interval = 1_000_000_000L / rate;
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch((int) total);
        outcome.startNanos = System.nanoTime();
        for (long k = 0; k < total; k++) {
            long due = outcome.startNanos + k * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                outcome.skipped.incrementAndGet();
                answered.countDown();
                continue;
            }
            inFlight.incrementAndGet();
            send(calls.get(), check).whenCompleteAsync((response, error) -> {
                inFlight.decrementAndGet();
                record(outcome, response, error, check, System.nanoTime() - due);
                answered.countDown();
            }, executor);
        }
        if (!answered.await(requestTimeout.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
            outcome.failed.addAndGet(answered.getCount());
            outcome.lastError = answered.getCount() + " requests unanswered after the request timeout";
            outcome.lastCompletionNanos = System.nanoTime();
        }
        return outcome;
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<String>> send(Call call, Check check) {
        HttpRequest request = HttpRequest.newBuilder(call.uri()).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body())).build();
        // Only answers that are checked are kept as text; the others are read and dropped.
        HttpResponse.BodyHandler<String> handler = check == null
                ? info -> HttpResponse.BodySubscribers.replacing("")
                : HttpResponse.BodyHandlers.ofString();
        try {
            return http.sendAsync(request, handler);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private static void record(Outcome outcome, HttpResponse<String> response, Throwable error, Check check, long nanos) {
        outcome.lastCompletionNanos = System.nanoTime();
        if (error != null) {
            outcome.failed.incrementAndGet();
            outcome.lastError = String.valueOf(error.getCause() != null ? error.getCause() : error);
            return;
        }
        outcome.latency(nanos);
        if (response.statusCode() == 200) {
            outcome.ok.incrementAndGet();
            if (check != null && check.deferred(response.body())) {
                outcome.deferred.incrementAndGet();
            }
        } else {
            outcome.otherStatus.incrementAndGet();
            outcome.lastOtherStatus.set(response.statusCode());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package org.opencdp.server.collector.track;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.opencdp.server.config.CollectorConfig;

/**
 * Step F1: whether this collector may take one more request (processing §11). It refuses — and the
 * client gets 503 with {@code Retry-After} — when too many requests await results here, when the producer
 * has too many unacknowledged sends, or when the queue backlog is past its threshold.
 */
public final class Admission {

    /** Why a request was refused and how long the client should wait. */
    public record Refusal(String reason, int retryAfterSeconds) {
    }

    private final CollectorConfig.Backpressure limits;
    private final IntSupplier pendingSends;
    private final LongSupplier backlog;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastBacklog = new AtomicLong();

    public Admission(CollectorConfig.Backpressure limits, IntSupplier pendingSends, LongSupplier backlog) {
        this.limits = limits;
        this.pendingSends = pendingSends;
        this.backlog = backlog;
    }

    /** Tries to admit a request; on success the caller must call {@link #release()} when it is answered. */
    public Optional<Refusal> tryAdmit() {
        if (inFlight.incrementAndGet() > limits.maxInFlight()) {
            inFlight.decrementAndGet();
            return Optional.of(new Refusal("in-flight", 1));
        }
        if (pendingSends.getAsInt() >= limits.producerMaxPending()) {
            inFlight.decrementAndGet();
            return Optional.of(new Refusal("producer-pending", 1));
        }
        long current = lastBacklog.get();
        if (current > limits.maxBacklog()) {
            inFlight.decrementAndGet();
            return Optional.of(new Refusal("backlog", 5));
        }
        return Optional.empty();
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Samples the queue backlog; called every second by a scheduler so requests never wait on the broker. */
    public void sampleBacklog() {
        try {
            lastBacklog.set(backlog.getAsLong());
        } catch (RuntimeException e) {
            // An unreachable broker is reported when sending; keep the last sample.
        }
    }
}

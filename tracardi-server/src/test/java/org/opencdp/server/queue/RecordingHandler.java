package org.opencdp.server.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that records, per key, the sequence numbers it handled successfully, and notices when two
 * calls for one key overlap. Messages of other test runs (strays left by an earlier failed test) are
 * acknowledged and ignored.
 */
final class RecordingHandler implements MessageHandler {

    static final String RUN = "run";
    static final String SEQUENCE = "seq";

    private final String run;
    private final MessageHandler before;
    private final Map<String, List<Integer>> handled = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean overlap = new AtomicBoolean();

    /** @param before runs first on every call of this run; it may throw to fail the call */
    RecordingHandler(String run, MessageHandler before) {
        this.run = run;
        this.before = before;
    }

    RecordingHandler(String run) {
        this(run, delivery -> { });
    }

    static QueueMessage message(String run, String key, int sequence) {
        return new QueueMessage(key, ("payload-" + sequence).getBytes(StandardCharsets.UTF_8),
                Map.of(RUN, run, SEQUENCE, Integer.toString(sequence)));
    }

    static int sequence(Delivery delivery) {
        return Integer.parseInt(delivery.message().properties().get(SEQUENCE));
    }

    @Override
    public void handle(Delivery delivery) throws Exception {
        if (!run.equals(delivery.message().properties().get(RUN))) {
            return;
        }
        calls.incrementAndGet();
        String key = delivery.message().key();
        AtomicInteger active = running.computeIfAbsent(key, k -> new AtomicInteger());
        if (active.incrementAndGet() > 1) {
            overlap.set(true);
        }
        try {
            before.handle(delivery);
            handled.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(sequence(delivery));
            count.incrementAndGet();
        } finally {
            active.decrementAndGet();
        }
    }

    /** Successful calls. */
    int count() {
        return count.get();
    }

    /** Every call of this run, failed ones included. */
    int calls() {
        return calls.get();
    }

    boolean overlapped() {
        return overlap.get();
    }

    List<Integer> handled(String key) {
        List<Integer> list = handled.get(key);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}

package org.opencdp.server.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opencdp.server.event.TrackerCapture;

/**
 * A tracker body made of the captured tracardi-js request (its page-view and purchase-order events repeated to
 * the wanted count, no profile), kept as bytes split around its session id so each request costs a copy.
 */
record TrackPayload(byte[] head, byte[] tail) {

    private static final String MARK = "@@session@@";

    static TrackPayload of(int events) {
        return of(events, event -> { });
    }

    /** The capture with {@code events} events, each passed to {@code eachEvent} to adjust it. */
    static TrackPayload of(int events, Consumer<ObjectNode> eachEvent) {
        ObjectNode body = TrackerCapture.body().deepCopy();
        ArrayNode captured = (ArrayNode) body.get("events");
        ArrayNode many = BenchStack.JSON.createArrayNode();
        for (int i = 0; i < events; i++) {
            ObjectNode event = captured.get(i % captured.size()).deepCopy();
            eachEvent.accept(event);
            many.add(event);
        }
        body.set("events", many);
        body.putObject("session").put("id", MARK);
        body.putNull("profile");
        String text = body.toString();
        int at = text.indexOf(MARK);
        return new TrackPayload(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                text.substring(at + MARK.length()).getBytes(StandardCharsets.UTF_8));
    }

    byte[] with(String session) {
        byte[] id = session.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + id.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(id, 0, out, head.length, id.length);
        System.arraycopy(tail, 0, out, head.length + id.length, tail.length);
        return out;
    }

    /**
     * Requests of one phase with this body, from visitors that each send {@code repeat} requests in one session
     * (so profiles are created throughout, and most requests come from a known session), {@code window} visitors
     * at a time, interleaved so one visitor's requests are never in flight together.
     */
    Supplier<LoadGenerator.Call> calls(String method, URI target, int window, int repeat) {
        long run = ThreadLocalRandom.current().nextLong();
        AtomicLong counter = new AtomicLong();
        return () -> {
            long i = counter.getAndIncrement();
            long visitor = (i % window) + (long) window * (i / ((long) window * repeat));
            return new LoadGenerator.Call(method, target, with(new UUID(run, visitor).toString()));
        };
    }
}

package org.opencdp.server.queue;

import java.time.Duration;

/**
 * The transport side of one consumer: a Pulsar consumer or an in-memory log. Everything above it (lanes,
 * attempts, backoff, dead-lettering) is shared by both implementations, in {@link ConsumerLoop}.
 */
interface MessageSource {

    /**
     * The next message in order, or {@code null} when none arrived within {@code timeout}. Messages of one
     * key are handed out in publish order and, across the consumers of a subscription, to one consumer at
     * a time.
     */
    Inbound receive(Duration timeout) throws InterruptedException;

    /** Stops receiving; unacknowledged messages become available to the subscription's other consumers. */
    void close();
}

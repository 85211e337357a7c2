package org.opencdp.server.queue;

import java.util.List;

/**
 * A {@link MessageHandler} that can also handle the messages of several keys in one call, so that one consumer
 * thread carries several of them through the same backend requests (one read and one write for all, say) instead
 * of one request each. A consumer hands a thread the messages of up to {@link #maxGroup()} keys that are ready at
 * the same moment, and of each key up to {@link #maxGroup()} of its queued messages, in order; under light load a
 * group is a single message and {@link #handle} is called.
 */
public interface GroupMessageHandler extends MessageHandler {

    /**
     * Handles the deliveries, each as {@link #handle} would, and returns one outcome per delivery in the same
     * order: null when it succeeded (it is acknowledged), else the exception {@link #handle} would have thrown
     * for it alone. Deliveries of one key come in their order; once one of them fails, the later ones of that key
     * must not be applied and are answered with a {@link HeldBackException}. Otherwise the deliveries succeed or
     * fail independently.
     *
     * @throws InterruptedException when the consumer is closing; no delivery is acknowledged
     */
    List<Exception> handleAll(List<Delivery> deliveries) throws InterruptedException;

    /** Messages of distinct keys one thread handles together at most. */
    int maxGroup();
}

package org.opencdp.server.queue;

/** Processes one delivered message. Returning normally acknowledges it. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles a delivery. A {@link TransientQueueException} means "try again later" and is retried without
     * limit, with exponential backoff; any other exception counts as a failed attempt, and after the
     * consumer's {@code maxAttempts} the message goes to the dead-letter topic and is acknowledged.
     */
    void handle(Delivery delivery) throws Exception;
}

package org.opencdp.server.queue;

/**
 * Told about a message that exhausted its attempts, once the dead-letter topic has stored it and before
 * the original is acknowledged. At least once, like every delivery: if the consumer dies in between, the
 * message comes back and may be dead-lettered again. An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface DeadLetterListener {

    void deadLettered(Delivery delivery, Exception lastFailure);
}

package org.opencdp.server.queue;

/** Told about a message that exhausted its attempts, before it is moved to the dead-letter topic. */
@FunctionalInterface
public interface DeadLetterListener {

    void deadLettered(Delivery delivery, Exception lastFailure);
}

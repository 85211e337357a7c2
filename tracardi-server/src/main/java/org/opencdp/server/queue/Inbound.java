package org.opencdp.server.queue;

/** One received, not yet acknowledged message, as a {@link MessageSource} hands it out. */
interface Inbound {

    QueueMessage message();

    /** The transport's id of the message, stable across re-deliveries. */
    String messageId();

    /**
     * Acknowledges the message. Never throws: if the consumer is already closed the acknowledgement is
     * lost and the message comes back, which at-least-once delivery allows.
     */
    void acknowledge();
}

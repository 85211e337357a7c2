package org.opencdp.server.queue;

/**
 * A failure that says nothing about the message itself (a backend down, a lock wait timeout): the message
 * is re-delivered later and never dead-lettered for it.
 */
public class TransientQueueException extends Exception {

    public TransientQueueException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientQueueException(String message) {
        super(message);
    }
}

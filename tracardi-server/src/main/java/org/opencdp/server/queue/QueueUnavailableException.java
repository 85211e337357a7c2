package org.opencdp.server.queue;

/**
 * The queue cannot take a message now (broker unreachable, send timeout, too many pending sends). The
 * collector turns it into 503 with {@code Retry-After}; nothing was accepted.
 */
public class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

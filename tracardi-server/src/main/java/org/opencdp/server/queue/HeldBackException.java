package org.opencdp.server.queue;

/**
 * The outcome of a delivery that a {@link GroupMessageHandler} did not attempt because an earlier delivery of the
 * same key in the same call failed: running it would apply the key's messages out of order. It is neither an
 * attempt nor a failure of the message; the delivery simply runs again after the earlier one.
 */
public final class HeldBackException extends Exception {

    public HeldBackException(String message) {
        super(message, null, false, false);
    }
}

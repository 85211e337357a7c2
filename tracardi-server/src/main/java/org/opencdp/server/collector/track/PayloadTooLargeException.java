package org.opencdp.server.collector.track;

/** The body or its event count is over the configured limits: 413 {@code {"detail":"Payload too large"}}. */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String reason) {
        super(reason);
    }
}

package org.opencdp.server.merge;

/** A revert that is not allowed now (processing §10.6): answered 409 with the reason. */
public final class MergeNotRevertibleException extends Exception {

    public MergeNotRevertibleException(String message) {
        super(message);
    }
}

package org.opencdp.server.workflow.notation;

/** A dot reference that cannot be read or written (missing path, read-only source, refused target). */
public final class InvalidReferenceException extends RuntimeException {

    public InvalidReferenceException(String message) {
        super(message);
    }
}

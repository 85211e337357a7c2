package org.opencdp.server.migrate;

/** A migration step failed; the message names the store and the object so an operator can act on it. */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.opencdp.server.mapping;

/**
 * The custom mappings could not be read because MySQL cannot be reached. The worker treats it as transient: the
 * batch is re-delivered later rather than processed without its mappings.
 */
public class MappingsUnavailableException extends RuntimeException {

    public MappingsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.opencdp.server.storage.elastic;

/**
 * Elasticsearch refused a request for a reason that a retry will not fix (a {@code 4xx} other than a
 * version conflict). {@link #errorType()} is Elasticsearch's error type, for example
 * {@code strict_dynamic_mapping_exception}.
 */
public class ElasticRequestException extends RuntimeException {

    private final int status;
    private final String errorType;
    private final String reason;

    public ElasticRequestException(String message, int status, String errorType, String reason) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.reason = reason;
    }

    public int status() { return status; }
    public String errorType() { return errorType; }
    /** Elasticsearch's {@code type: reason} description of the error (with its cause when it has one). */
    public String reason() { return reason; }
}

package org.opencdp.server.storage.elastic;

/**
 * Elasticsearch could not be asked or could not answer now: connection refused, timeouts, {@code 429} and
 * {@code 5xx} answers. Nothing about the document is wrong; the caller (a worker) fails the batch
 * transiently and it is re-delivered later (processing §12).
 */
public class ElasticUnavailableException extends RuntimeException {

    public ElasticUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ElasticUnavailableException(String message) {
        super(message);
    }
}

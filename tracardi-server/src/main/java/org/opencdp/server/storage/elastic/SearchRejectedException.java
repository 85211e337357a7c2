package org.opencdp.server.storage.elastic;

/**
 * Elasticsearch refused a search or count because of the query itself (status 400): a value that does not fit
 * the field's type, a sort on an unknown field. It comes from client input, so the API answers 422.
 */
public final class SearchRejectedException extends RuntimeException {

    public SearchRejectedException(String reason) {
        super(reason);
    }
}

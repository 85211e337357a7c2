package org.opencdp.server.storage.elastic;

/**
 * Elasticsearch rejected one document written on its own (a mapping conflict, an unknown root field, the
 * field limit). Not transient: retrying the same document fails the same way. The caller decides what to
 * do with it (for a profile: move the offending trait to {@code trash} and retry, processing §12). Bulk
 * writes never throw it; they report rejections per document ({@link BulkResult}).
 */
public class DocumentRejectedException extends ElasticRequestException {

    private final String index;
    private final String id;

    public DocumentRejectedException(String index, String id, int status, String errorType, String reason) {
        super("Elasticsearch rejected document " + id + " in " + index + ": " + reason, status, errorType, reason);
        this.index = index;
        this.id = id;
    }

    public String index() { return index; }
    public String id() { return id; }
}

package org.opencdp.server.storage.elastic;

/**
 * The Elasticsearch schema of a tenant and context is not in place (an index template or an index that
 * the migration creates is missing). The stores never create what the migration owns.
 */
public class ElasticSchemaException extends IllegalStateException {

    public ElasticSchemaException(String message) {
        super(message + "; run `tracardi server migrate` for this tenant");
    }
}

package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.elasticsearch.client.Request;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticHttp.WriteMode;

/**
 * Read and maintenance access to the data indices of one tenant and context for the management API
 * (searches, aggregations, counts, refresh and flush, deletes by id). Everything goes through the read alias
 * of {@link IndexNames#alias}, so a request can never reach another tenant's or context's documents. A
 * missing alias reads as empty (a kind nobody has written yet), not as an error.
 */
public final class DataIndex {

    /** One stored document and the physical index it lives in. */
    public record Hit(String id, String index, ObjectNode source) {
    }

    /** A page of hits and the total number of matches. */
    public record Page(long total, List<Hit> hits) {
    }

    private final ElasticHttp http;
    private final IndexNames names;

    public DataIndex(ElasticStore elastic, ObjectMapper json) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.names = elastic.names();
    }

    public ObjectMapper json() {
        return http.json();
    }

    public String alias(TenantScope scope, IndexKind kind) {
        return names.alias(scope, kind);
    }

    /**
     * Runs a search request body ({@code query}, {@code from}, {@code size}, {@code sort}…) against the kind's
     * alias. Throws {@link SearchRejectedException} when Elasticsearch refuses the query itself (a bad
     * value for a field's type, a sort on an unknown field…).
     */
    public Page search(TenantScope scope, IndexKind kind, ObjectNode body) {
        body.put("track_total_hits", true);
        JsonNode answer = searchRaw(scope, kind, body);
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            if (source.isObject()) {
                hits.add(new Hit(hit.path("_id").asText(), hit.path("_index").asText(), (ObjectNode) source));
            }
        }
        return new Page(answer.path("hits").path("total").path("value").asLong(hits.size()), hits);
    }

    /** Runs an aggregation-only request ({@code size: 0}) and returns its {@code aggregations} object. */
    public JsonNode aggregations(TenantScope scope, IndexKind kind, ObjectNode body) {
        body.put("size", 0);
        return searchRaw(scope, kind, body).path("aggregations");
    }

    /** How many documents match {@code query} (every document when it is null). */
    public long count(TenantScope scope, IndexKind kind, ObjectNode query) {
        Request request;
        if (query == null) {
            request = new Request("GET", "/" + ElasticHttp.encode(alias(scope, kind)) + "/_count");
        } else {
            ObjectNode body = http.json().createObjectNode();
            body.set("query", query);
            request = http.jsonRequest("POST", "/" + ElasticHttp.encode(alias(scope, kind)) + "/_count", body);
        }
        lenient(request);
        ElasticHttp.Reply reply = http.execute(request);
        if (reply.status() == 400) {
            throw new SearchRejectedException(reply.reason());
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return reply.body().path("count").asLong();
    }

    /** The document with this id in any index of the alias, the most recent index first. */
    public Optional<Hit> findById(TenantScope scope, IndexKind kind, String id) {
        return findAllById(scope, kind, id).stream().findFirst();
    }

    /**
     * Every copy of the id across the alias's indices (a partitioned kind could in principle hold several),
     * newest index first. A multi-get on each index behind the alias is real-time, so a document written a
     * moment ago is found before the next refresh (events refresh every 5 s).
     */
    public List<Hit> findAllById(TenantScope scope, IndexKind kind, String id) {
        List<String> indices = indicesOf(alias(scope, kind));
        if (indices.isEmpty()) {
            return List.of();
        }
        ObjectNode body = http.json().createObjectNode();
        ArrayNode docs = body.putArray("docs");
        indices.forEach(index -> docs.addObject().put("_index", index).put("_id", id));
        ElasticHttp.Reply reply = http.execute(http.jsonRequest("POST", "/_mget", body));
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        List<Hit> hits = new ArrayList<>();
        for (JsonNode doc : reply.body().path("docs")) {
            if (doc.path("found").asBoolean(false) && doc.path("_source").isObject()) {
                hits.add(new Hit(doc.path("_id").asText(), doc.path("_index").asText(), (ObjectNode) doc.path("_source")));
            }
        }
        return hits;
    }

    /** The physical indices behind an alias, newest (highest partition) first; empty when the alias does not exist. */
    private List<String> indicesOf(String alias) {
        ElasticHttp.Reply reply = http.execute(new Request("GET", "/_alias/" + ElasticHttp.encode(alias)));
        if (reply.status() == 404) {
            return List.of();
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        List<String> indices = new ArrayList<>();
        reply.body().fieldNames().forEachRemaining(indices::add);
        indices.sort(Comparator.reverseOrder());
        return indices;
    }

    /**
     * Deletes the document with this id from every index of the alias that holds it and returns how many
     * copies were deleted.
     */
    public int deleteById(TenantScope scope, IndexKind kind, String id, Refresh refresh) {
        List<String> indices = new ArrayList<>();
        findAllById(scope, kind, id).forEach(hit -> indices.add(hit.index()));
        int deleted = 0;
        for (String index : indices) {
            if (http.delete(index, id, refresh)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Deletes the document from one physical index (e.g. a session's partition known from its binding). */
    public boolean deleteFrom(String index, String id, Refresh refresh) {
        return http.delete(index, id, refresh);
    }

    /** Overwrites a document in the physical index it was read from (e.g. to mark a failed event replayed). */
    public void rewrite(Hit hit, ObjectNode document, Refresh refresh) {
        http.write(hit.index(), hit.id(), document, WriteMode.OVERWRITE, null, refresh);
    }

    /** {@code POST {alias}/_refresh}: Elasticsearch's answer, {@code {"_shards": {...}}}. */
    public JsonNode refresh(TenantScope scope, IndexKind kind) {
        return maintenance(scope, kind, "_refresh");
    }

    /** {@code POST {alias}/_flush}: Elasticsearch's answer, {@code {"_shards": {...}}}. */
    public JsonNode flush(TenantScope scope, IndexKind kind) {
        return maintenance(scope, kind, "_flush");
    }

    private JsonNode maintenance(TenantScope scope, IndexKind kind, String action) {
        Request request = new Request("POST", "/" + ElasticHttp.encode(alias(scope, kind)) + "/" + action);
        lenient(request);
        ElasticHttp.Reply reply = http.execute(request);
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return reply.body();
    }

    private JsonNode searchRaw(TenantScope scope, IndexKind kind, ObjectNode body) {
        Request request = http.jsonRequest("POST", "/" + ElasticHttp.encode(alias(scope, kind)) + "/_search", body);
        lenient(request);
        ElasticHttp.Reply reply = http.execute(request);
        if (reply.status() == 400) {
            throw new SearchRejectedException(reply.reason());
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return reply.body();
    }

    /** A missing alias (a kind nothing was written to yet) answers empty instead of 404. */
    private static void lenient(Request request) {
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
    }

    /** One value of a counted field and its number of documents. */
    public record TermCount(String name, long value) {
    }

    /** The {@code size} most frequent values of {@code field} in the kind's documents, most frequent first. */
    public List<TermCount> termCounts(TenantScope scope, IndexKind kind, String field, int size) {
        ObjectNode body = json().createObjectNode();
        body.putObject("aggs").putObject("buckets").putObject("terms").put("field", field).put("size", size);
        List<TermCount> counts = new ArrayList<>();
        for (JsonNode bucket : aggregations(scope, kind, body).path("buckets").path("buckets")) {
            counts.add(new TermCount(bucket.path("key_as_string").asText(bucket.path("key").asText()),
                    bucket.path("doc_count").asLong()));
        }
        return counts;
    }
}

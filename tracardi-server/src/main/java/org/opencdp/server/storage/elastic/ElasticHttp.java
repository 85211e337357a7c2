package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The stores' access to Elasticsearch: plain JSON over the low-level client, with one classification of
 * failures. Transport errors and {@code 408}/{@code 429}/{@code 5xx} answers throw
 * {@link ElasticUnavailableException}; every other answer (including the {@code 404} and {@code 409} that
 * the low-level client raises as {@link ResponseException}) is returned as a {@link Reply} for the caller
 * to interpret. Documents are Jackson {@link ObjectNode}s, so the typed client would only add a second
 * (de)serialisation.
 */
final class ElasticHttp {

    static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final RestClient client;
    private final ObjectMapper json;

    ElasticHttp(RestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    ObjectMapper json() {
        return json;
    }

    /** An answer of Elasticsearch that is not a transient failure. */
    record Reply(String what, int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String errorType() {
            JsonNode error = body.path("error");
            return error.isTextual() ? "" : error.path("type").asText("");
        }

        String reason() {
            return describe(body.path("error"));
        }

        /** A 404 because the index or alias does not exist (not because the document does not). */
        boolean indexMissing() {
            return status == 404 && "index_not_found_exception".equals(errorType());
        }

        ElasticRequestException unexpected() {
            return new ElasticRequestException("Elasticsearch refused " + what + " (" + status + "): " + reason(),
                    status, errorType(), reason());
        }
    }

    Reply execute(Request request) {
        String what = request.getMethod() + " " + request.getEndpoint();
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        } catch (IOException e) {
            throw new ElasticUnavailableException("Elasticsearch is unavailable (" + what + "): " + e, e);
        }
        int status = response.getStatusLine().getStatusCode();
        JsonNode body = read(response.getEntity(), what);
        if (status == 408 || status == 429 || status >= 500) {
            throw new ElasticUnavailableException("Elasticsearch is unavailable (" + what + " answered " + status + "): "
                    + describe(body.path("error")));
        }
        return new Reply(what, status, body);
    }

    private JsonNode read(HttpEntity entity, String what) {
        if (entity == null) {
            return MissingNode.getInstance();
        }
        byte[] bytes;
        try {
            bytes = EntityUtils.toByteArray(entity);
        } catch (IOException e) {
            throw new ElasticUnavailableException("Elasticsearch is unavailable (reading the answer to " + what + "): " + e, e);
        }
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            ObjectNode raw = json.createObjectNode();
            raw.putObject("error").put("type", "unparsable_response")
                    .put("reason", new String(bytes, StandardCharsets.UTF_8));
            return raw;
        }
    }

    Request jsonRequest(String method, String endpoint, JsonNode body) {
        Request request = new Request(method, endpoint);
        request.setEntity(new ByteArrayEntity(bytes(body), ContentType.APPLICATION_JSON));
        return request;
    }

    byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void refresh(Request request, Refresh refresh) {
        if (refresh.parameter() != null) {
            request.addParameter("refresh", refresh.parameter());
        }
    }

    /** A document id or index name as one URL path segment. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Elasticsearch's {@code type: reason} of an error object, with its root cause when that says more. */
    static String describe(JsonNode error) {
        if (error == null || error.isMissingNode() || error.isNull()) {
            return "no error details";
        }
        if (error.isTextual()) {
            return error.asText();
        }
        String text = error.path("type").asText("error") + ": " + error.path("reason").asText("");
        JsonNode cause = error.path("caused_by");
        if (cause.isObject()) {
            String causeText = cause.path("type").asText("") + ": " + cause.path("reason").asText("");
            if (!text.contains(cause.path("reason").asText("\u0000"))) {
                text += " (caused by " + causeText + ")";
            }
        }
        return text;
    }

    // ---- documents ---------------------------------------------------------------------------------------

    /**
     * Real-time GET of one document; empty when it does not exist. A missing index is empty too when
     * {@code indexMayBeMissing} (a partition not written yet), else a schema error.
     */
    Optional<Versioned<ObjectNode>> get(String index, String id, boolean indexMayBeMissing) {
        Reply reply = execute(new Request("GET", "/" + encode(index) + "/_doc/" + encode(id)));
        if (reply.indexMissing() && !indexMayBeMissing) {
            throw new ElasticSchemaException("Elasticsearch index or alias " + index + " does not exist");
        }
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return reply.body().path("found").asBoolean(false) ? Optional.of(versioned(reply.body())) : Optional.empty();
    }

    /** Searches an alias; {@code body} is the search request. Returns the hits, in order. */
    List<Versioned<ObjectNode>> search(String alias, ObjectNode body) {
        body.put("seq_no_primary_term", true);
        Reply reply = execute(jsonRequest("POST", "/" + encode(alias) + "/_search", body));
        if (reply.indexMissing()) {
            throw new ElasticSchemaException("Elasticsearch alias " + alias + " does not exist");
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        List<Versioned<ObjectNode>> hits = new ArrayList<>();
        for (JsonNode hit : reply.body().path("hits").path("hits")) {
            hits.add(versioned(hit));
        }
        return hits;
    }

    /** The documents with this {@code _id} in any index of the alias (near-real-time). */
    List<Versioned<ObjectNode>> searchById(String alias, String id, int size) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size);
        body.putObject("query").putObject("ids").putArray("values").add(id);
        return search(alias, body);
    }

    long count(String alias) {
        Reply reply = execute(new Request("GET", "/" + encode(alias) + "/_count"));
        if (reply.indexMissing()) {
            throw new ElasticSchemaException("Elasticsearch alias " + alias + " does not exist");
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return reply.body().path("count").asLong();
    }

    void refreshIndices(String alias) {
        Reply reply = execute(new Request("POST", "/" + encode(alias) + "/_refresh"));
        if (reply.indexMissing()) {
            throw new ElasticSchemaException("Elasticsearch alias " + alias + " does not exist");
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
    }

    /** How a single-document write treats an existing document. */
    enum WriteMode { OVERWRITE, CREATE }

    /**
     * Writes one document. Returns its new version, or empty when {@link WriteMode#CREATE} found it already
     * there. Throws {@link VersionConflictException} when {@code expected} no longer matches, and
     * {@link DocumentRejectedException} when Elasticsearch refuses the document.
     */
    Optional<Version> write(String index, String id, ObjectNode document, WriteMode mode, Version expected, Refresh refresh) {
        String endpoint = "/" + encode(index) + (mode == WriteMode.CREATE ? "/_create/" : "/_doc/") + encode(id);
        Request request = jsonRequest("PUT", endpoint, document);
        if (expected != null) {
            request.addParameter("if_seq_no", Long.toString(expected.seqNo()));
            request.addParameter("if_primary_term", Long.toString(expected.primaryTerm()));
        }
        refresh(request, refresh);
        Reply reply = execute(request);
        if (reply.ok()) {
            return Optional.of(new Version(reply.body().path("_seq_no").asLong(), reply.body().path("_primary_term").asLong()));
        }
        if (reply.status() == 409) {
            if (expected != null) {
                throw new VersionConflictException(index, id, expected, reply.reason());
            }
            return Optional.empty();
        }
        if (reply.indexMissing()) {
            throw new ElasticSchemaException("Elasticsearch index " + index + " does not exist");
        }
        throw new DocumentRejectedException(index, id, reply.status(), reply.errorType(), reply.reason());
    }

    /** Deletes one document; false when it was not there. */
    boolean delete(String index, String id, Refresh refresh) {
        Request request = new Request("DELETE", "/" + encode(index) + "/_doc/" + encode(id));
        refresh(request, refresh);
        Reply reply = execute(request);
        if (reply.status() == 404) {
            return false;
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return "deleted".equals(reply.body().path("result").asText());
    }

    static Versioned<ObjectNode> versioned(JsonNode hit) {
        JsonNode source = hit.path("_source");
        if (!source.isObject()) {
            throw new ElasticRequestException("Elasticsearch returned document " + hit.path("_id").asText()
                    + " without its source", 200, "", "no _source");
        }
        return new Versioned<>(hit.path("_id").asText(), hit.path("_index").asText(), (ObjectNode) source,
                hit.path("_seq_no").asLong(-2), hit.path("_primary_term").asLong(0));
    }

    static String requireId(ObjectNode document, String kind) {
        String id = document.path("id").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException(kind + " document has no id");
        }
        return id;
    }
}

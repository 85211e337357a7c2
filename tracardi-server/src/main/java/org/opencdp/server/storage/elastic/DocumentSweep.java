package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.http.entity.ByteArrayEntity;
import org.elasticsearch.client.Request;
import org.opencdp.server.storage.TenantScope;

/**
 * Rewrites every document of a kind that matches a query, for jobs such as re-pointing events and sessions to a
 * merge survivor (processing §10.5). This Elasticsearch build has no {@code _update_by_query} and no scripts, so
 * the documents are read page by page from a point in time with {@code search_after} and written back with
 * {@code _bulk}, each write conditional on the version that was read: a document changed meanwhile is counted as a
 * conflict and left for the caller's next sweep, never overwritten blindly.
 */
public final class DocumentSweep {

    /** What one sweep did. */
    public record Result(long matched, long rewritten, long conflicts) {

        public static final Result NONE = new Result(0, 0, 0);

        public Result plus(Result other) {
            return new Result(matched + other.matched, rewritten + other.rewritten, conflicts + other.conflicts);
        }
    }

    private static final String KEEP_ALIVE = "2m";

    private final ElasticHttp http;
    private final IndexNames names;

    public DocumentSweep(ElasticStore elastic, ObjectMapper json) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.names = elastic.names();
    }

    /**
     * Applies {@code change} to a copy of every matching document (after a refresh, so recent writes are seen);
     * when it returns a document, that replaces the stored one in its own index and is handed to {@code written}
     * once stored. A kind nothing was written to yet sweeps nothing.
     *
     * @param change returns the new document, or null to leave the document as it is
     */
    public Result rewrite(TenantScope scope, IndexKind kind, ObjectNode query, int pageSize, UnaryOperator<ObjectNode> change,
                          Consumer<ObjectNode> written) {
        String alias = names.alias(scope, kind);
        Request refresh = new Request("POST", "/" + ElasticHttp.encode(alias) + "/_refresh");
        refresh.addParameter("ignore_unavailable", "true");
        refresh.addParameter("allow_no_indices", "true");
        http.execute(refresh);
        Optional<String> opened = openPit(alias);
        if (opened.isEmpty()) {
            return Result.NONE;
        }
        String pit = opened.get();
        Result total = Result.NONE;
        try {
            JsonNode searchAfter = null;
            while (true) {
                JsonNode answer = page(pit, query, pageSize, searchAfter);
                pit = answer.path("pit_id").asText(pit);
                JsonNode hits = answer.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return total;
                }
                total = total.plus(write(hits, change, written));
                searchAfter = hits.get(hits.size() - 1).path("sort");
                if (hits.size() < pageSize) {
                    return total;
                }
            }
        } finally {
            closePit(pit);
        }
    }

    private Optional<String> openPit(String alias) {
        Request request = new Request("POST", "/" + ElasticHttp.encode(alias) + "/_pit");
        request.addParameter("keep_alive", KEEP_ALIVE);
        ElasticHttp.Reply reply = http.execute(request);
        if (reply.indexMissing()) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return Optional.of(reply.body().path("id").asText());
    }

    private JsonNode page(String pit, ObjectNode query, int pageSize, JsonNode searchAfter) {
        ObjectNode body = http.json().createObjectNode();
        body.put("size", pageSize);
        body.put("track_total_hits", false);
        body.put("seq_no_primary_term", true);
        body.set("query", query);
        body.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
        body.putArray("sort").addObject().put("_shard_doc", "asc");
        if (searchAfter != null) {
            body.set("search_after", searchAfter);
        }
        ElasticHttp.Reply reply = http.execute(http.jsonRequest("POST", "/_search", body));
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        return reply.body();
    }

    private Result write(JsonNode hits, UnaryOperator<ObjectNode> change, Consumer<ObjectNode> written) {
        ByteArrayOutputStream bulk = new ByteArrayOutputStream();
        List<ObjectNode> changed = new ArrayList<>();
        for (JsonNode hit : hits) {
            if (!hit.path("_source").isObject()) {
                continue;
            }
            ObjectNode document = change.apply(((ObjectNode) hit.get("_source")).deepCopy());
            if (document == null) {
                continue;
            }
            ObjectNode action = http.json().createObjectNode();
            action.putObject("index").put("_index", hit.path("_index").asText()).put("_id", hit.path("_id").asText())
                    .put("if_seq_no", hit.path("_seq_no").asLong()).put("if_primary_term", hit.path("_primary_term").asLong());
            bulk.writeBytes(http.bytes(action));
            bulk.write('\n');
            bulk.writeBytes(http.bytes(document));
            bulk.write('\n');
            changed.add(document);
        }
        if (changed.isEmpty()) {
            return new Result(hits.size(), 0, 0);
        }
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new ByteArrayEntity(bulk.toByteArray(), ElasticHttp.NDJSON));
        ElasticHttp.Reply reply = http.execute(request);
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        long rewritten = 0;
        long conflicts = 0;
        JsonNode items = reply.body().path("items");
        for (int i = 0; i < changed.size(); i++) {
            int status = items.path(i).path("index").path("status").asInt(0);
            if (status >= 200 && status < 300) {
                rewritten++;
                written.accept(changed.get(i));
            } else {
                // A version conflict, or a write Elasticsearch could not take now: the next sweep finds it again.
                conflicts++;
            }
        }
        return new Result(hits.size(), rewritten, conflicts);
    }

    private void closePit(String pit) {
        try {
            ObjectNode body = http.json().createObjectNode().put("id", pit);
            http.execute(http.jsonRequest("DELETE", "/_pit", body));
        } catch (RuntimeException e) {
            // The point in time expires by itself after its keep-alive.
        }
    }
}

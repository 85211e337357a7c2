package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-tags the stored events of one type after its metadata record is saved (domain-model §13): their
 * {@code tags.values} become the record's lower-cased tags. Elasticsearch here has no update-by-query, so the
 * events are walked with a point in time and {@code search_after} and updated with {@code _bulk}, on one
 * background thread; a failure is logged, never reported to the request that saved the record.
 */
public final class EventRetagger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRetagger.class);
    static final int PAGE = 500;

    private final ElasticStore elastic;
    private final ObjectMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-retagger");
        thread.setDaemon(true);
        return thread;
    });

    public EventRetagger(ElasticStore elastic, ObjectMapper json) {
        this.elastic = elastic;
        this.json = json;
    }

    /** Queues the re-tagging of the scope's events of {@code eventType}. */
    public void retagLater(TenantScope scope, String eventType, List<String> tags) {
        worker.execute(() -> {
            try {
                long updated = retag(scope, eventType, tags);
                LOG.info("re-tagged {} stored events of type {} in {}", updated, eventType, scope);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not re-tag the stored events of type {} in {}: {}", eventType, scope, e.getMessage());
            }
        });
    }

    /** Re-tags now; returns how many events were updated. */
    public long retag(TenantScope scope, String eventType, List<String> tags) throws IOException {
        String alias = elastic.names().alias(scope, IndexKind.EVENT);
        String pit;
        try {
            pit = call("POST", "/" + alias + "/_pit?keep_alive=1m", null).path("id").asText();
        } catch (ResponseException missing) {
            return 0;
        }
        ObjectNode doc = json.createObjectNode();
        ArrayNode values = doc.putObject("tags").putArray("values");
        tags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).distinct().forEach(values::add);
        ((ObjectNode) doc.get("tags")).put("count", values.size());
        ObjectNode updateBody = json.createObjectNode();
        updateBody.set("doc", doc);
        String update = updateBody.toString();
        long updated = 0;
        JsonNode after = null;
        try {
            while (true) {
                ObjectNode search = json.createObjectNode().put("size", PAGE).put("_source", false);
                search.putObject("query").putObject("term").put("type", eventType);
                search.putObject("pit").put("id", pit).put("keep_alive", "1m");
                search.putArray("sort").addObject().put("_shard_doc", "asc");
                if (after != null) {
                    search.set("search_after", after);
                }
                JsonNode page = call("POST", "/_search", search.toString());
                pit = page.path("pit_id").asText(pit);
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return updated;
                }
                StringBuilder bulk = new StringBuilder();
                for (JsonNode hit : hits) {
                    ObjectNode action = json.createObjectNode();
                    action.putObject("update").put("_index", hit.path("_index").asText()).put("_id", hit.path("_id").asText());
                    bulk.append(action.toString()).append('\n');
                    bulk.append(update).append('\n');
                    after = hit.path("sort");
                }
                JsonNode answer = call("POST", "/_bulk", bulk.toString());
                for (JsonNode item : answer.path("items")) {
                    if (!item.path("update").has("error")) {
                        updated++;
                    }
                }
            }
        } finally {
            try {
                call("DELETE", "/_pit", json.createObjectNode().put("id", pit).toString());
            } catch (IOException ignored) {
                // The point in time expires by itself after a minute.
            }
        }
    }

    private JsonNode call(String method, String endpoint, String body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null && endpoint.equals("/_bulk")) {
            request.setEntity(new org.apache.http.entity.StringEntity(body, org.apache.http.entity.ContentType.create(
                    "application/x-ndjson", StandardCharsets.UTF_8)));
        } else if (body != null) {
            request.setJsonEntity(body);
        }
        return json.readTree(EntityUtils.toString(elastic.lowLevel().performRequest(request).getEntity(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

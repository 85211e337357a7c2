package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BulkResult.Item;
import org.opencdp.server.storage.elastic.BulkWriter.Operation;

/**
 * Event documents. Each goes to the partition of its {@code metadata.time.insert} (fixed before the batch
 * is enqueued) with {@code _id} = the event id, so re-indexing a re-delivered batch overwrites the same
 * documents (processing §2.4). Reads go through the alias.
 */
public final class EventStore {

    private final ElasticHttp http;
    private final PartitionRegistry partitions;
    private final BulkWriter bulk;

    public EventStore(ElasticStore elastic, PartitionRegistry partitions, ObjectMapper json) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.bulk = new BulkWriter(http, partitions);
    }

    public BulkResult bulkIndex(TenantScope scope, List<ObjectNode> events) {
        return bulkIndex(scope, events, Refresh.NONE);
    }

    /**
     * Indexes the events in one bulk request (split when very large). An event without an id or without a
     * valid insert time, or one Elasticsearch rejects, is reported as rejected with the reason; the others
     * are stored. Throws {@link ElasticUnavailableException} when Elasticsearch cannot take the write (the
     * batch is retried as a whole, harmlessly), {@link ElasticSchemaException} when the tenant's event
     * template is missing.
     */
    public BulkResult bulkIndex(TenantScope scope, List<ObjectNode> events, Refresh refresh) {
        Item[] results = new Item[events.size()];
        bulk.index(scope, operations(http, events, results, 0), refresh, results);
        return new BulkResult(List.of(results));
    }

    /**
     * The bulk operations of the events, positioned 0..n-1 like the list; an event without an id or a valid
     * insert time gets its rejection in {@code results} instead.
     */
    /** The events' index operations at {@code offset + i}; an event that cannot be indexed is rejected in {@code results}. */
    static List<Operation> operations(ElasticHttp http, List<ObjectNode> events, Item[] results, int offset) {
        List<Operation> operations = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            int position = offset + i;
            ObjectNode event = events.get(i);
            String id = event.path("id").asText("");
            if (id.isBlank()) {
                results[position] = Item.rejected(position, null, null, "invalid_document", "the event has no id");
                continue;
            }
            JsonNode insertValue = event.at("/metadata/time/insert");
            Optional<Instant> insert = ElasticTimes.parse(insertValue);
            if (insert.isEmpty()) {
                results[position] = Item.rejected(position, id, null, "invalid_document",
                        "metadata.time.insert is missing or not a time: " + insertValue);
                continue;
            }
            operations.add(new Operation(position, id, IndexKind.EVENT, insert.get(), http.bytes(event)));
        }
        return operations;
    }

    /** The event with this id, searched through the alias (near-real-time). */
    public Optional<ObjectNode> get(TenantScope scope, String id) {
        return http.searchById(alias(scope), id, 1).stream().findFirst().map(Versioned::document);
    }

    /** Real-time GET of the event in the partition of its insert time. */
    public Optional<ObjectNode> get(TenantScope scope, String id, Instant insert) {
        return http.get(partitions.indexFor(scope, IndexKind.EVENT, insert), id, true).map(Versioned::document);
    }

    /** The source id of the latest stored event of a session (near-real-time), if any. */
    public Optional<String> lastSourceOfSession(TenantScope scope, String sessionId) {
        ObjectNode body = http.json().createObjectNode();
        body.put("size", 1);
        body.putObject("query").putObject("term").put("session.id", sessionId);
        body.putArray("sort").addObject().putObject("metadata.time.insert").put("order", "desc");
        return http.search(alias(scope), body).stream().findFirst()
                .map(hit -> hit.document().path("source").path("id").asText(null));
    }

    public long count(TenantScope scope) {
        return http.count(alias(scope));
    }

    /** Makes every write so far visible to searches ({@code /events/refresh}). */
    public void refresh(TenantScope scope) {
        http.refreshIndices(alias(scope));
    }

    private String alias(TenantScope scope) {
        return partitions.names().alias(scope, IndexKind.EVENT);
    }
}

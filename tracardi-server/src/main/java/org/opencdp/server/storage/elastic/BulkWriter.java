package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.entity.ByteArrayEntity;
import org.elasticsearch.client.Request;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BulkResult.Item;
import org.opencdp.server.storage.elastic.BulkResult.Outcome;

/**
 * Indexes documents with {@code _bulk} into partitions the {@link PartitionRegistry} created. Per document:
 * {@code 2xx} is stored; {@code 429}/{@code 5xx} (a full write queue, a shard not ready) is retried a few
 * times with back-off and, if it persists, fails the whole call with {@link ElasticUnavailableException}
 * (the worker re-delivers the batch, and re-indexing the stored ones is harmless because ids are fixed);
 * an index deleted under the cache is re-created and retried; every other error is a rejection.
 */
final class BulkWriter {

    private static final int MAX_OPERATIONS_PER_REQUEST = 1_000;
    private static final int MAX_BYTES_PER_REQUEST = 8 * 1024 * 1024;
    private static final long[] BACKOFF_MILLIS = {100, 300, 900};

    /** One document to index (serialised once): the kind and time give its partition. */
    record Operation(int position, String id, IndexKind kind, Instant time, byte[] source) {
    }

    private final ElasticHttp http;
    private final PartitionRegistry partitions;

    BulkWriter(ElasticHttp http, PartitionRegistry partitions) {
        this.http = http;
        this.partitions = partitions;
    }

    /** Indexes the operations; returns one item per operation position (positions given here must be 0..n-1). */
    void index(TenantScope scope, List<Operation> operations, Refresh refresh, Item[] results) {
        List<Operation> pending = operations;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<Operation> retry = new ArrayList<>();
            String lastTransient = "";
            for (List<Operation> chunk : chunks(pending)) {
                List<String> targets = new ArrayList<>(chunk.size());
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (Operation operation : chunk) {
                    String index = partitions.ensure(scope, operation.kind(), operation.time());
                    targets.add(index);
                    ObjectNode action = http.json().createObjectNode();
                    action.putObject("index").put("_index", index).put("_id", operation.id());
                    body.writeBytes(http.bytes(action));
                    body.write('\n');
                    body.writeBytes(operation.source());
                    body.write('\n');
                }
                Request request = new Request("POST", "/_bulk");
                request.setEntity(new ByteArrayEntity(body.toByteArray(), ElasticHttp.NDJSON));
                ElasticHttp.refresh(request, refresh);
                ElasticHttp.Reply reply = http.execute(request);
                if (!reply.ok()) {
                    throw reply.unexpected();
                }
                JsonNode items = reply.body().path("items");
                for (int i = 0; i < chunk.size(); i++) {
                    Operation operation = chunk.get(i);
                    String index = targets.get(i);
                    JsonNode item = items.path(i).path("index");
                    int status = item.path("status").asInt(0);
                    JsonNode error = item.path("error");
                    if (status >= 200 && status < 300) {
                        Outcome outcome = "created".equals(item.path("result").asText()) ? Outcome.CREATED : Outcome.UPDATED;
                        results[operation.position()] = new Item(operation.position(), operation.id(), index, outcome, null, null);
                    } else if (status == 429 || status >= 500 || status == 0) {
                        lastTransient = status + " " + ElasticHttp.describe(error);
                        retry.add(operation);
                    } else if (status == 404 && "index_not_found_exception".equals(error.path("type").asText())) {
                        partitions.forget(index);
                        lastTransient = "index " + index + " disappeared";
                        retry.add(operation);
                    } else {
                        results[operation.position()] = Item.rejected(operation.position(), operation.id(), index,
                                error.path("type").asText(""), ElasticHttp.describe(error));
                    }
                }
            }
            if (retry.isEmpty()) {
                return;
            }
            if (attempt >= BACKOFF_MILLIS.length) {
                throw new ElasticUnavailableException("Elasticsearch did not store " + retry.size() + " of "
                        + operations.size() + " documents after " + (attempt + 1) + " attempts: " + lastTransient);
            }
            sleep(BACKOFF_MILLIS[attempt]);
            pending = retry;
        }
    }

    private List<List<Operation>> chunks(List<Operation> operations) {
        List<List<Operation>> chunks = new ArrayList<>();
        List<Operation> current = new ArrayList<>();
        long bytes = 0;
        for (Operation operation : operations) {
            long size = operation.source().length;
            if (!current.isEmpty() && (current.size() >= MAX_OPERATIONS_PER_REQUEST || bytes + size > MAX_BYTES_PER_REQUEST)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(operation);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticUnavailableException("interrupted while waiting to retry a bulk write", e);
        }
    }
}

package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
    private static final String ITEM_FIELDS = "items.*.status,items.*.result,items.*._seq_no,items.*._primary_term,items.*.error,error";

    /**
     * One document to write (serialised once). The kind and time give its partition unless {@code index} names
     * the index (a document replaced where it was read). {@code create} fails on an existing document,
     * {@code expected} makes the write conditional on the stored version; both answer a
     * {@code version_conflict_engine_exception} rejection when they do not hold.
     */
    record Operation(int position, String id, IndexKind kind, Instant time, byte[] source, String index, boolean create,
                     Version expected) {

        /** An unconditional write into the partition of {@code time}. */
        Operation(int position, String id, IndexKind kind, Instant time, byte[] source) {
            this(position, id, kind, time, source, null, false, null);
        }
    }

    /** One line pair of a {@code _bulk} body: the action and the document. */
    record Action(byte[] header, byte[] source) {
        long size() {
            return header.length + source.length + 2L;
        }
    }

    private final ElasticHttp http;
    private final PartitionRegistry partitions;
    /** Sends actions without refresh: directly, or combined with other callers' (group commit). */
    private final Function<List<Action>, List<JsonNode>> sender;

    BulkWriter(ElasticHttp http, PartitionRegistry partitions) {
        this(http, partitions, null);
    }

    /** With a sender for writes without refresh (null: one request per call). */
    BulkWriter(ElasticHttp http, PartitionRegistry partitions, Function<List<Action>, List<JsonNode>> sender) {
        this.http = http;
        this.partitions = partitions;
        this.sender = sender != null ? sender : actions -> send(http, actions, Refresh.NONE);
    }

    /**
     * A group commit of {@code _bulk} requests: the writes of concurrent callers go out together, sent by
     * {@code senders} threads (and by a caller itself when nothing is in flight).
     */
    static GroupCommit<Action, JsonNode> groupCommit(ElasticHttp http, String name, int senders) {
        return new GroupCommit<>(name, senders, 4 * MAX_OPERATIONS_PER_REQUEST, 2L * MAX_BYTES_PER_REQUEST, Action::size,
                actions -> send(http, actions, Refresh.NONE));
    }

    /** Sends the actions as one {@code _bulk} request; one item of the answer per action. */
    static List<JsonNode> send(ElasticHttp http, List<Action> actions, Refresh refresh) {
        long size = 0;
        for (Action action : actions) {
            size += action.size();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, size));
        for (Action action : actions) {
            body.writeBytes(action.header());
            body.write('\n');
            body.writeBytes(action.source());
            body.write('\n');
        }
        Request request = new Request("POST", "/_bulk");
        // Only what the items are judged on: the answer to a large bulk is otherwise mostly ids and shard counts.
        request.addParameter("filter_path", ITEM_FIELDS);
        request.setEntity(new ByteArrayEntity(body.toByteArray(), ElasticHttp.NDJSON));
        ElasticHttp.refresh(request, refresh);
        ElasticHttp.Reply reply = http.execute(request);
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        JsonNode items = reply.body().path("items");
        List<JsonNode> answers = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            JsonNode item = items.path(i);
            // Each item is {"index": {...}} or {"create": {...}}: the one field holds the outcome.
            answers.add(item.isObject() && item.size() == 1 ? item.elements().next() : item.path("index"));
        }
        return answers;
    }

    /** Writes the operations; returns one item per operation position (positions given here must be 0..n-1). */
    void index(TenantScope scope, List<Operation> operations, Refresh refresh, Item[] results) {
        List<Operation> pending = operations;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<Operation> retry = new ArrayList<>();
            String lastTransient = "";
            for (List<Operation> chunk : chunks(pending)) {
                List<String> targets = new ArrayList<>(chunk.size());
                List<Action> actions = new ArrayList<>(chunk.size());
                for (Operation operation : chunk) {
                    String index = operation.index() != null ? operation.index()
                            : partitions.ensure(scope, operation.kind(), operation.time());
                    targets.add(index);
                    ObjectNode action = http.json().createObjectNode();
                    ObjectNode meta = action.putObject(operation.create() ? "create" : "index");
                    meta.put("_index", index).put("_id", operation.id());
                    if (operation.expected() != null) {
                        meta.put("if_seq_no", operation.expected().seqNo()).put("if_primary_term", operation.expected().primaryTerm());
                    }
                    actions.add(new Action(http.bytes(action), operation.source()));
                }
                List<JsonNode> items = refresh == Refresh.NONE ? sender.apply(actions) : send(http, actions, refresh);
                for (int i = 0; i < chunk.size(); i++) {
                    Operation operation = chunk.get(i);
                    String index = targets.get(i);
                    JsonNode item = items.get(i);
                    int status = item.path("status").asInt(0);
                    JsonNode error = item.path("error");
                    if (status >= 200 && status < 300) {
                        Outcome outcome = "created".equals(item.path("result").asText()) ? Outcome.CREATED : Outcome.UPDATED;
                        results[operation.position()] = new Item(operation.position(), operation.id(), index, outcome, null, null,
                                new Version(item.path("_seq_no").asLong(-2), item.path("_primary_term").asLong(0)));
                    } else if (status == 429 || status >= 500 || status == 0) {
                        lastTransient = status + " " + ElasticHttp.describe(error);
                        retry.add(operation);
                    } else if (status == 404 && "index_not_found_exception".equals(error.path("type").asText())
                            && operation.index() == null) {
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

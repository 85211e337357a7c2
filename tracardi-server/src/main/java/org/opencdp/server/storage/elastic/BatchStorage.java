package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.Request;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BulkResult.Item;
import org.opencdp.server.storage.elastic.BulkWriter.Operation;

/**
 * The worker's reads and writes of one batch's documents in as few requests as the semantics allow, each combined
 * with those of the batches other worker threads process at the same moment (group commit, {@link GroupCommit}):
 * the profile and the session in one real-time {@code _mget}; the events, the session and the profile in one
 * {@code _bulk}. Conditional writes carry
 * {@code if_seq_no}/{@code if_primary_term} (processing §4.3) exactly as the single-document writes of
 * {@link ProfileStore} and {@link SessionStore} do, so a conflict is reported the same way.
 */
public final class BatchStorage implements AutoCloseable {

    private static final int MAX_READS_PER_REQUEST = 1_000;
    /**
     * Sender threads of each kind of combined request. One: while its request is out, every batch that reaches the
     * same step joins the next one, so requests grow with the load. Elasticsearch's cost per document falls steeply
     * with the size of a request (on two cores, raw bulks of 24 event documents reached about half the documents per
     * second of bulks of 1 000); with one sender instead of two, the worker stored about 12 % more events per second
     * at 10 events per batch, with less Elasticsearch CPU (benchmarks/RESULTS.md).
     */
    static final int SENDERS = 1;
    private static final String CONFLICT = "version_conflict_engine_exception";

    private final ElasticHttp http;
    private final PartitionRegistry partitions;
    private final GroupCommit<BulkWriter.Action, JsonNode> bulks;
    private final GroupCommit<DocRef, JsonNode> reads;
    private final BulkWriter writer;

    /** A document to read: its index (or single-index alias) and id. */
    record DocRef(String index, String id) {
    }

    /** What {@link #load} found; a missing session partition reads as no session. */
    public record Loaded(Optional<Versioned<ObjectNode>> profile, Optional<Versioned<ObjectNode>> session) {
    }

    /** The session to write with the events: the partition of {@code start}, conditional on {@code loaded}. */
    public record SessionWrite(ObjectNode session, Instant start, Versioned<?> loaded) {
    }

    public BatchStorage(ElasticStore elastic, PartitionRegistry partitions, ObjectMapper json) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.bulks = BulkWriter.groupCommit(http, "es-bulk", SENDERS);
        this.reads = new GroupCommit<>("es-mget", SENDERS, MAX_READS_PER_REQUEST, Long.MAX_VALUE, ref -> 1, this::multiGet);
        this.writer = new BulkWriter(http, partitions, bulks::submit);
    }

    /** What one batch reads: its profile (null: none) and its session (null: none), which lives in the partition of its start. */
    public record LoadRequest(TenantScope scope, String profileId, String sessionId, Instant sessionStart) {
    }

    /**
     * Real-time reads of the profile (through the alias, by document id) and of the session (in the partition of
     * its start), in one request; a null id is not read.
     */
    public Loaded load(TenantScope scope, String profileId, String sessionId, Instant sessionStart) {
        return loadAll(List.of(new LoadRequest(scope, profileId, sessionId, sessionStart))).get(0);
    }

    /** The reads of several batches in one request; one answer per request, in order. */
    public List<Loaded> loadAll(List<LoadRequest> requests) {
        List<DocRef> refs = new ArrayList<>(2 * requests.size());
        for (LoadRequest request : requests) {
            if (request.profileId() != null) {
                refs.add(new DocRef(partitions.names().alias(request.scope(), IndexKind.PROFILE), request.profileId()));
            }
            if (request.sessionId() != null) {
                refs.add(new DocRef(partitions.indexFor(request.scope(), IndexKind.SESSION, request.sessionStart()),
                        request.sessionId()));
            }
        }
        List<JsonNode> docs = reads.submit(refs);
        List<Loaded> loaded = new ArrayList<>(requests.size());
        int at = 0;
        for (LoadRequest request : requests) {
            Optional<Versioned<ObjectNode>> profile = request.profileId() == null ? Optional.empty() : found(docs.get(at++), false);
            Optional<Versioned<ObjectNode>> session = request.sessionId() == null ? Optional.empty() : found(docs.get(at++), true);
            loaded.add(new Loaded(profile, session));
        }
        return loaded;
    }

    /** The profile to write: a replacement of {@code loaded} (conditional on its version), or a creation without it. */
    public record ProfileWrite(ObjectNode profile, Versioned<?> loaded) {
    }

    /** One batch's writes: its events, and its session and profile when given. */
    public record BatchWrite(TenantScope scope, List<ObjectNode> events, SessionWrite session, ProfileWrite profile) {

        /** Whether there is nothing to write. */
        public boolean isEmpty() {
            return events.isEmpty() && session == null && profile == null;
        }
    }

    /** What {@link #writeAll} did with one batch's writes: the events' results, or the failure of its session or profile. */
    public record WriteOutcome(BulkResult events, RuntimeException failure) {
    }

    /**
     * Indexes the events and writes the session and the profile (each when given) in one bulk. Returns the events'
     * results (a rejected event is reported, not thrown). Throws {@link VersionConflictException} when the session or
     * the profile changed since it was loaded (or a profile to create exists), {@link DocumentRejectedException} when
     * Elasticsearch refused one of them. The writes are not atomic: a caller that meets an exception finds some of
     * them stored, and must redo the batch so that it completes what is missing (the worker does, through the
     * applied-batch rings of profile and session).
     */
    public BulkResult writeBatch(TenantScope scope, List<ObjectNode> events, SessionWrite session, ProfileWrite profile) {
        WriteOutcome outcome = writeAll(List.of(new BatchWrite(scope, events, session, profile))).get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.events();
    }

    /**
     * The writes of several batches in one bulk (one per tenant scope among them). Each batch's outcome is what
     * {@link #writeBatch} would return or throw for it alone. A failure of the request itself (Elasticsearch
     * unavailable) is thrown and concerns every batch.
     */
    public List<WriteOutcome> writeAll(List<BatchWrite> writes) {
        Map<TenantScope, List<Integer>> byScope = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            byScope.computeIfAbsent(writes.get(i).scope(), scope -> new ArrayList<>()).add(i);
        }
        WriteOutcome[] outcomes = new WriteOutcome[writes.size()];
        for (Map.Entry<TenantScope, List<Integer>> entry : byScope.entrySet()) {
            TenantScope scope = entry.getKey();
            int[] offsets = new int[writes.size()];
            int size = 0;
            for (int i : entry.getValue()) {
                BatchWrite write = writes.get(i);
                offsets[i] = size;
                size += write.events().size() + (write.session() == null ? 0 : 1) + (write.profile() == null ? 0 : 1);
            }
            Item[] results = new Item[size];
            List<Operation> operations = new ArrayList<>(size);
            for (int i : entry.getValue()) {
                BatchWrite write = writes.get(i);
                int at = offsets[i];
                operations.addAll(EventStore.operations(http, write.events(), results, at));
                at += write.events().size();
                if (write.session() != null) {
                    operations.add(sessionOperation(scope, write.session(), at++));
                }
                if (write.profile() != null) {
                    operations.add(profileOperation(scope, write.profile(), at));
                }
            }
            writer.index(scope, operations, Refresh.NONE, results);
            for (int i : entry.getValue()) {
                outcomes[i] = outcome(writes.get(i), results, offsets[i]);
            }
        }
        return List.of(outcomes);
    }

    /** One batch's outcome from its slice of the combined results, positions counted from its first event again. */
    private static WriteOutcome outcome(BatchWrite write, Item[] results, int offset) {
        int sessionAt = offset + write.events().size();
        int profileAt = sessionAt + (write.session() == null ? 0 : 1);
        if (write.session() != null && !results[sessionAt].ok()) {
            Versioned<?> loaded = write.session().loaded();
            return new WriteOutcome(null, failure(results[sessionAt], loaded == null ? null : loaded.version()));
        }
        if (write.profile() != null && !results[profileAt].ok()) {
            Versioned<?> loaded = write.profile().loaded();
            return new WriteOutcome(null, failure(results[profileAt], loaded == null ? new Version(-1, -1) : loaded.version()));
        }
        List<Item> events = new ArrayList<>(write.events().size());
        for (int i = 0; i < write.events().size(); i++) {
            Item item = results[offset + i];
            events.add(new Item(i, item.id(), item.index(), item.outcome(), item.errorType(), item.reason(), item.version()));
        }
        return new WriteOutcome(new BulkResult(events), null);
    }

    private Operation sessionOperation(TenantScope scope, SessionWrite session, int position) {
        String id = ElasticHttp.requireId(session.session(), "session");
        String index = partitions.ensure(scope, IndexKind.SESSION, session.start());
        Versioned<?> loaded = session.loaded();
        if (loaded != null && (!id.equals(loaded.id()) || !index.equals(loaded.index()))) {
            throw new IllegalArgumentException("session " + id + " in " + index + " cannot replace " + loaded.id()
                    + " loaded from " + loaded.index());
        }
        return new Operation(position, id, IndexKind.SESSION, session.start(), http.bytes(session.session()), index, false,
                loaded == null ? null : loaded.version());
    }

    private Operation profileOperation(TenantScope scope, ProfileWrite profile, int position) {
        String id = ElasticHttp.requireId(profile.profile(), "profile");
        Versioned<?> loaded = profile.loaded();
        if (loaded == null) {
            return new Operation(position, id, IndexKind.PROFILE, null, http.bytes(profile.profile()),
                    partitions.ensure(scope, IndexKind.PROFILE, null), true, null);
        }
        if (!id.equals(loaded.id())) {
            throw new IllegalArgumentException("profile " + id + " cannot replace the loaded profile " + loaded.id());
        }
        return new Operation(position, id, IndexKind.PROFILE, null, http.bytes(profile.profile()), loaded.index(), false,
                loaded.version());
    }

    private static RuntimeException failure(Item item, Version expected) {
        if (CONFLICT.equals(item.errorType())) {
            return new VersionConflictException(item.index(), item.id(), expected == null ? new Version(-1, -1) : expected,
                    item.reason());
        }
        return new DocumentRejectedException(item.index(), item.id(), 400, item.errorType(), item.reason());
    }

    private Optional<Versioned<ObjectNode>> found(JsonNode doc, boolean indexMayBeMissing) {
        JsonNode error = doc.path("error");
        if (!error.isMissingNode()) {
            String type = error.path("type").asText("");
            if ("index_not_found_exception".equals(type)) {
                if (indexMayBeMissing) {
                    return Optional.empty();
                }
                throw new ElasticSchemaException("Elasticsearch index or alias " + doc.path("_index").asText() + " does not exist");
            }
            throw new ElasticUnavailableException("Elasticsearch could not read " + doc.path("_id").asText() + " in "
                    + doc.path("_index").asText() + ": " + ElasticHttp.describe(error));
        }
        return doc.path("found").asBoolean(false) ? Optional.of(ElasticHttp.versioned(doc)) : Optional.empty();
    }

    private List<JsonNode> multiGet(List<DocRef> refs) {
        ObjectNode body = http.json().createObjectNode();
        ArrayNode docs = body.putArray("docs");
        for (DocRef ref : refs) {
            docs.addObject().put("_index", ref.index()).put("_id", ref.id());
        }
        Request request = http.jsonRequest("POST", "/_mget", body);
        ElasticHttp.Reply reply = http.execute(request);
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        List<JsonNode> answers = new ArrayList<>(refs.size());
        JsonNode found = reply.body().path("docs");
        for (int i = 0; i < refs.size(); i++) {
            answers.add(found.path(i));
        }
        return answers;
    }

    @Override
    public void close() {
        bulks.close();
        reads.close();
    }
}

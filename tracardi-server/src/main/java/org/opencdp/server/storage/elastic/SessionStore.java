package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.client.Request;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticHttp.WriteMode;

/**
 * Session documents, partitioned by the session start ({@code metadata.time.insert}, operations §3.1).
 * The session binding in Redis keeps the start, so a writer knows the partition; a reader that only has
 * the id searches the alias. Rewriting a session is harmless (processing §2.4); writes of a loaded session
 * may carry the optimistic-concurrency check like profiles (processing §4.3).
 */
public final class SessionStore {

    private static final long PARTITION_LISTING_TTL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ElasticHttp http;
    private final PartitionRegistry partitions;
    private final Map<String, Listed> listedPartitions = new ConcurrentHashMap<>();

    public SessionStore(ElasticStore elastic, PartitionRegistry partitions, ObjectMapper json) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
    }

    /**
     * The session with this id, searched through the alias by {@code _id} (the partition depends on the
     * start, which the caller may not know). Near-real-time: it sees writes once the partition refreshed.
     */
    public Optional<Versioned<ObjectNode>> get(TenantScope scope, String id) {
        return http.searchById(alias(scope), id, 1).stream().findFirst();
    }

    /**
     * When a stored session started ({@code metadata.time.insert}); empty when no such session is stored, now when
     * its start is unreadable. One real-time {@code _mget} of the id in every session partition of the scope, which
     * costs Elasticsearch much less than a search: the collector asks this for every session Redis does not know.
     * The partitions are listed from the alias at most once a minute, and the current one is always asked.
     */
    public Optional<Instant> storedStart(TenantScope scope, String id) {
        ObjectNode body = http.json().createObjectNode();
        ArrayNode docs = body.putArray("docs");
        for (String index : sessionPartitions(scope)) {
            ObjectNode doc = docs.addObject().put("_index", index).put("_id", id);
            doc.putArray("_source").add("metadata.time.insert");
        }
        ElasticHttp.Reply reply = http.execute(http.jsonRequest("POST", "/_mget", body));
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        for (JsonNode doc : reply.body().path("docs")) {
            // A partition dropped since it was listed answers with an error for its document: not there.
            if (doc.path("found").asBoolean(false)) {
                return Optional.of(ElasticTimes.parse(doc.path("_source").path("metadata").path("time").path("insert"))
                        .orElseGet(Instant::now));
            }
        }
        return Optional.empty();
    }

    private Set<String> sessionPartitions(TenantScope scope) {
        String alias = alias(scope);
        long now = System.nanoTime();
        Listed listed = listedPartitions.get(alias);
        if (listed == null || now - listed.atNanos() > PARTITION_LISTING_TTL_NANOS) {
            ElasticHttp.Reply reply = http.execute(new Request("GET", "/" + ElasticHttp.encode(alias) + "/_alias"));
            Set<String> names = new TreeSet<>();
            if (reply.ok()) {
                reply.body().fieldNames().forEachRemaining(names::add);
            } else if (reply.status() != 404) {
                throw reply.unexpected();
            }
            listed = new Listed(Set.copyOf(names), now);
            listedPartitions.put(alias, listed);
        }
        Set<String> names = new TreeSet<>(listed.names());
        names.add(partitions.indexFor(scope, IndexKind.SESSION, Instant.now()));
        return names;
    }

    /** The partitions behind a session alias, as listed at {@code atNanos}. */
    private record Listed(Set<String> names, long atNanos) {
    }

    /** Real-time GET in the partition of {@code start} (known from the session binding). */
    public Optional<Versioned<ObjectNode>> get(TenantScope scope, String id, Instant start) {
        return http.get(partitions.indexFor(scope, IndexKind.SESSION, start), id, true);
    }

    /** Writes the session into the partition of its start, overwriting what is there. */
    public Version save(TenantScope scope, ObjectNode session, Instant start) {
        return save(scope, session, start, null, Refresh.NONE);
    }

    /** Writes the session into the partition of the start its document holds ({@code metadata.time.insert}). */
    public Version save(TenantScope scope, ObjectNode session) {
        return save(scope, session, start(session), null, Refresh.NONE);
    }

    /**
     * Writes the session into the partition of {@code start}. With {@code expected} (the loaded session)
     * the write carries its {@code if_seq_no}/{@code if_primary_term} and throws
     * {@link VersionConflictException} when the session changed since; the loaded session must live in the
     * partition of {@code start}.
     */
    public Version save(TenantScope scope, ObjectNode session, Instant start, Versioned<?> expected, Refresh refresh) {
        String id = ElasticHttp.requireId(session, "session");
        String index = partitions.ensure(scope, IndexKind.SESSION, start);
        if (expected != null) {
            if (!id.equals(expected.id())) {
                throw new IllegalArgumentException("session " + id + " cannot replace the loaded session " + expected.id());
            }
            if (!index.equals(expected.index())) {
                throw new IllegalArgumentException("session " + id + " was loaded from " + expected.index()
                        + " but its start " + start + " belongs to " + index);
            }
        }
        return http.write(index, id, session, WriteMode.OVERWRITE, expected == null ? null : expected.version(), refresh)
                .orElseThrow();
    }

    /**
     * Creates the session in the partition of {@code start} unless that partition holds it already; the
     * new version, or empty when a concurrent creator won.
     */
    public Optional<Version> create(TenantScope scope, ObjectNode session, Instant start, Refresh refresh) {
        String id = ElasticHttp.requireId(session, "session");
        return http.write(partitions.ensure(scope, IndexKind.SESSION, start), id, session, WriteMode.CREATE, null, refresh);
    }

    /**
     * Sessions whose last batch ({@code metadata.time.update}) is before {@code cutoff} and whose visit is not
     * closed yet ({@code metadata.status} other than {@code ended}), oldest first, at most {@code size}.
     * Near-real-time; the caller re-reads each one before changing it.
     */
    public List<Versioned<ObjectNode>> inactiveSince(TenantScope scope, Instant cutoff, int size) {
        ObjectNode body = http.json().createObjectNode();
        body.put("size", size);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("range").putObject("metadata.time.update")
                .put("lt", cutoff.toEpochMilli()).put("format", "epoch_millis");
        bool.putArray("must_not").addObject().putObject("term").put("metadata.status", "ended");
        body.putArray("sort").addObject().putObject("metadata.time.update").put("order", "asc");
        return http.search(alias(scope), body);
    }

    public long count(TenantScope scope) {
        return http.count(alias(scope));
    }

    /** Makes every write so far visible to searches ({@code /sessions/refresh}). */
    public void refresh(TenantScope scope) {
        http.refreshIndices(alias(scope));
    }

    /** The start a session document carries. */
    public static Instant start(ObjectNode session) {
        return ElasticTimes.parse(session.at("/metadata/time/insert")).orElseThrow(() -> new IllegalArgumentException(
                "session " + session.path("id").asText() + " has no valid metadata.time.insert"));
    }

    private String alias(TenantScope scope) {
        return partitions.names().alias(scope, IndexKind.SESSION);
    }
}

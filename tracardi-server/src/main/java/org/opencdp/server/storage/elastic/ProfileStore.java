package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.Request;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticHttp.WriteMode;

/**
 * Profile documents (one unpartitioned index per tenant and context, D8). Reads by id are real-time GETs
 * through the alias, so a write is visible to the next batch before any refresh (processing §14).
 * Writes of a loaded profile carry {@code if_seq_no}/{@code if_primary_term} (processing §4.3).
 */
public final class ProfileStore {

    /** How many profiles sharing one id {@link #findByAnyId} looks at (more would be a data error). */
    private static final int MAX_SHARED_ID_HITS = 10;

    private final ElasticHttp http;
    private final PartitionRegistry partitions;

    public ProfileStore(ElasticStore elastic, PartitionRegistry partitions, ObjectMapper json) {
        this.http = new ElasticHttp(elastic.lowLevel(), json);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
    }

    /** Real-time GET of the profile whose document id is {@code id}. */
    public Optional<Versioned<ObjectNode>> get(TenantScope scope, String id) {
        return http.get(alias(scope), id, false);
    }

    /**
     * The profile that is {@code id} or lists it in {@code ids} (a merged-away id, a hashed id). First a
     * real-time GET by document id, which needs no refresh; then a {@code term} search on {@code ids},
     * which sees writes once the index refreshed (1 s, or at once after a {@link Refresh#WAIT_FOR} write).
     * When several profiles list the id, the oldest ({@code metadata.time.insert}) wins.
     */
    public Optional<Versioned<ObjectNode>> findByAnyId(TenantScope scope, String id) {
        Optional<Versioned<ObjectNode>> direct = get(scope, id);
        if (direct.isPresent()) {
            return direct;
        }
        List<Versioned<ObjectNode>> hits = http.search(alias(scope), listingId(id));
        return hits.stream().findFirst();
    }

    /**
     * The document id of the profile {@link #findByAnyId} would find, without reading any document: what the
     * collector asks for every request that names a profile, so it must stay cheap for Elasticsearch and for us.
     */
    public Optional<String> currentId(TenantScope scope, String id) {
        Request head = new Request("HEAD", "/" + ElasticHttp.encode(alias(scope)) + "/_doc/" + ElasticHttp.encode(id));
        ElasticHttp.Reply exists = http.execute(head);
        if (exists.status() == 200) {
            return Optional.of(id);
        }
        if (exists.status() != 404) {
            throw exists.unexpected();
        }
        ObjectNode body = listingId(id);
        body.put("_source", false);
        ElasticHttp.Reply reply = http.execute(http.jsonRequest("POST", "/" + ElasticHttp.encode(alias(scope)) + "/_search", body));
        if (reply.indexMissing()) {
            throw new ElasticSchemaException("Elasticsearch alias " + alias(scope) + " does not exist");
        }
        if (!reply.ok()) {
            throw reply.unexpected();
        }
        for (JsonNode hit : reply.body().path("hits").path("hits")) {
            // A hit that is the id itself is a profile deleted since the last refresh: the real-time HEAD said so.
            String found = hit.path("_id").asText("");
            if (!found.isEmpty() && !found.equals(id)) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** The search for profiles listing {@code id} in {@code ids}, the oldest first (the one that wins). */
    private ObjectNode listingId(String id) {
        ObjectNode body = http.json().createObjectNode();
        body.put("size", MAX_SHARED_ID_HITS);
        body.putObject("query").putObject("term").put("ids", id);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("metadata.time.insert").put("order", "asc").put("missing", "_last")
                .put("unmapped_type", "date");
        sort.addObject().putObject("id").put("order", "asc").put("unmapped_type", "keyword");
        return body;
    }

    /**
     * Creates the profile unless a document with its id exists ({@code op_type=create}). False means a
     * concurrent creator won: load that one instead.
     */
    public boolean create(TenantScope scope, ObjectNode profile) {
        return tryCreate(scope, profile, Refresh.NONE).isPresent();
    }

    /** Like {@link #create(TenantScope, ObjectNode)}, returning the new document's version (empty if it existed). */
    public Optional<Version> tryCreate(TenantScope scope, ObjectNode profile, Refresh refresh) {
        String id = ElasticHttp.requireId(profile, "profile");
        return http.write(index(scope), id, profile, WriteMode.CREATE, null, refresh);
    }

    /** Replaces the loaded profile if nobody wrote it since; throws {@link VersionConflictException} otherwise. */
    public Version replace(TenantScope scope, ObjectNode profile, Versioned<?> expected) {
        return replace(scope, profile, expected, Refresh.NONE);
    }

    /**
     * Replaces the loaded profile with {@code if_seq_no}/{@code if_primary_term} of {@code expected}, in the
     * index it was read from. Throws {@link VersionConflictException} when it changed or was deleted since,
     * {@link DocumentRejectedException} when the document does not fit the mapping.
     */
    public Version replace(TenantScope scope, ObjectNode profile, Versioned<?> expected, Refresh refresh) {
        String id = ElasticHttp.requireId(profile, "profile");
        if (!id.equals(expected.id())) {
            throw new IllegalArgumentException("profile " + id + " cannot replace the loaded profile " + expected.id());
        }
        return http.write(expected.index(), id, profile, WriteMode.OVERWRITE, expected.version(), refresh).orElseThrow();
    }

    /** Writes the profile whatever is stored (imports, tests); no concurrency check. */
    public Version save(TenantScope scope, ObjectNode profile, Refresh refresh) {
        String id = ElasticHttp.requireId(profile, "profile");
        return http.write(index(scope), id, profile, WriteMode.OVERWRITE, null, refresh).orElseThrow();
    }

    /** Deletes the profile; false when it did not exist. */
    public boolean delete(TenantScope scope, String id) {
        return delete(scope, id, Refresh.NONE);
    }

    public boolean delete(TenantScope scope, String id, Refresh refresh) {
        return http.delete(partitions.names().versioned(scope, IndexKind.PROFILE), id, refresh);
    }

    public long count(TenantScope scope) {
        return http.count(alias(scope));
    }

    /** Makes every write so far visible to searches ({@code /profiles/refresh}). */
    public void refresh(TenantScope scope) {
        http.refreshIndices(alias(scope));
    }

    private String alias(TenantScope scope) {
        return partitions.names().alias(scope, IndexKind.PROFILE);
    }

    private String index(TenantScope scope) {
        return partitions.ensure(scope, IndexKind.PROFILE, null);
    }
}

package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Versioned;

/**
 * The profile searches of merging: candidates by merging keys (processing §10.1 {@code workflow}), profiles sharing a
 * hashed id, profiles carrying the APM marker and hashed ids held by several profiles (§10.7). Searches see what
 * was refreshed; every profile found is then read again by real-time GET, with the version a merge writes against.
 */
final class ProfileFinder {

    /** Ids that are hashes of merging keys: {@code emm-…}, {@code pho-…} and the others of processing §9. */
    static final Pattern HASHED_ID = Pattern.compile("(" + String.join("|", HashedIds.MERGING_KEYS.values()) + ")-.+");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ProfileStore profiles;
    private final DataIndex data;

    ProfileFinder(ProfileStore profiles, DataIndex data) {
        this.profiles = profiles;
        this.data = data;
    }

    /**
     * Profiles other than {@code profile} whose values equal the profile's for every key (a merging key also
     * matches through its hashed id). Empty when a key has no usable value: a blank or blocklisted value, or a
     * list, matches nobody.
     *
     * @param keys   profile paths, with or without the {@code profile@} prefix
     * @param hashes the hashing of merging keys, or null when it is off
     * @param limit  at most this many (the caller asks for one more than it accepts, to see a cluster)
     */
    List<Versioned<ObjectNode>> byKeys(TenantScope scope, ProfileDocument profile, List<String> keys, HashedIds hashes,
                                       MergeGuard guard, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        ArrayNode filters = NODES.arrayNode();
        for (String key : keys) {
            String path = key.startsWith("profile@") ? key.substring("profile@".length()) : key;
            Optional<JsonNode> value = DotPath.get(profile.json(), path).filter(JsonNode::isValueNode);
            if (value.isEmpty() || value.get().isNull() || !guard.matchable(value.get().asText())) {
                return List.of();
            }
            ObjectNode exact = NODES.objectNode();
            exact.putObject("term").set(path, value.get());
            Optional<String> hashed = hashes == null ? Optional.empty() : hashes.hash(path, value.get().asText());
            if (hashed.isPresent()) {
                ObjectNode either = filters.addObject().putObject("bool");
                either.putArray("should").add(exact).addObject().putObject("term").put("ids", hashed.get());
                either.put("minimum_should_match", 1);
            } else {
                filters.add(exact);
            }
        }
        return search(scope, filters, profile.id(), limit);
    }

    /** Profiles other than {@code profileId} (null: any profile) holding any of these ids. */
    List<Versioned<ObjectNode>> sharingIds(TenantScope scope, String profileId, Collection<String> ids, int limit) {
        if (ids.isEmpty()) {
            return List.of();
        }
        ArrayNode filters = NODES.arrayNode();
        ArrayNode terms = filters.addObject().putObject("terms").putArray("ids");
        ids.forEach(terms::add);
        return search(scope, filters, profileId, limit);
    }

    /** Ids of profiles carrying the APM marker ({@code metadata.system.aux.auto_merge}), by id. */
    List<String> marked(TenantScope scope, int limit) {
        ObjectNode body = NODES.objectNode();
        body.put("size", limit);
        body.putArray("_source").add("id");
        body.putObject("query").putObject("exists").put("field", "metadata.system.aux.auto_merge");
        body.putArray("sort").addObject().put("id", "asc");
        List<String> ids = new ArrayList<>();
        data.search(scope, IndexKind.PROFILE, body).hits().forEach(hit -> ids.add(hit.id()));
        return ids;
    }

    /** Hashed ids that two or more profiles hold (the APM watchdog, processing §10.7 step 3). */
    List<String> sharedHashedIds(TenantScope scope, int limit) {
        ObjectNode body = NODES.objectNode();
        ObjectNode terms = body.putObject("aggs").putObject("shared").putObject("terms");
        terms.put("field", "ids").put("min_doc_count", 2).put("size", limit).put("include", HASHED_ID.pattern());
        List<String> ids = new ArrayList<>();
        data.aggregations(scope, IndexKind.PROFILE, body).path("shared").path("buckets")
                .forEach(bucket -> ids.add(bucket.path("key").asText()));
        return ids;
    }

    /** The profile with exactly this id, read in real time. */
    Optional<Versioned<ObjectNode>> get(TenantScope scope, String id) {
        return profiles.get(scope, id);
    }

    private List<Versioned<ObjectNode>> search(TenantScope scope, ArrayNode filters, String excludedId, int limit) {
        ObjectNode body = NODES.objectNode();
        body.put("size", limit);
        body.putArray("_source").add("id");
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.set("filter", filters);
        if (excludedId != null) {
            bool.putArray("must_not").addObject().putObject("ids").putArray("values").add(excludedId);
        }
        body.putArray("sort").addObject().put("id", "asc");
        List<Versioned<ObjectNode>> found = new ArrayList<>();
        for (DataIndex.Hit hit : data.search(scope, IndexKind.PROFILE, body).hits()) {
            profiles.get(scope, hit.id()).ifPresent(found::add);
        }
        return found;
    }
}

package org.opencdp.server.profile.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opencdp.server.api.PathIds;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.common.json.JsonShapes;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileCache;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.DocumentRejectedException;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.Versioned;

/** Reading, deleting and importing profiles for the management API (private-api §3.7). */
public final class ProfileService {

    /** Fields of Tracardi's in-memory model that are never stored (domain-model §2.2) or belong to our envelope. */
    /** More profiles than this belong in a bulk import tool, not in one request. */
    static final int MAX_IMPORT = 10_000;

    private static final List<String> NOT_STORED = List.of("operation", "_meta", "internal");

    private final ProfileStore profiles;
    private final DataIndex data;
    private final ProfileIdMap idMap;
    private final Duration deletionMarkTtl;
    private final ProfileCache cache;
    private final Clock clock;

    /** @param deletionMarkTtl how long a deleted profile's ids are marked as gone ({@code identity.idMapTtl}) */
    public ProfileService(ProfileStore profiles, DataIndex data, ProfileIdMap idMap, Duration deletionMarkTtl,
                          ProfileCache cache, Clock clock) {
        this.profiles = profiles;
        this.data = data;
        this.idMap = idMap;
        this.deletionMarkTtl = deletionMarkTtl;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * The profile as the API shows it plus {@code "_meta": {"id", "index"}}. A merged-away id finds its survivor
     * through the id map, or through the survivor's {@code ids}.
     */
    public Optional<ObjectNode> find(TenantScope scope, String id) {
        String current = idMap.survivor(scope, id).orElse(id);
        Optional<Versioned<ObjectNode>> found = profiles.findByAnyId(scope, current);
        if (found.isEmpty() && !current.equals(id)) {
            found = profiles.findByAnyId(scope, id);
        }
        return found.map(stored -> {
            ObjectNode shown = ProfileDocument.of(stored.document()).toApiJson();
            ObjectNode meta = shown.putObject("_meta");
            meta.put("id", stored.id());
            meta.put("index", stored.index());
            return shown;
        });
    }

    /**
     * Deletes the profile with exactly this id, its cache entry and the id-map entries that point to it. Events
     * and sessions stay. Its ids are marked as deleted first, so that from then on the collector no longer trusts a
     * session binding that names one of them. False when there was no such profile.
     */
    public boolean delete(TenantScope scope, String id) {
        Optional<Versioned<ObjectNode>> stored = profiles.get(scope, id);
        if (stored.isEmpty()) {
            return false;
        }
        List<String> ids = new ArrayList<>(ProfileDocument.of(stored.get().document().deepCopy()).ids());
        if (!ids.contains(id)) {
            ids.add(id);
        }
        idMap.markDeleted(scope, ids, deletionMarkTtl);
        boolean deleted = profiles.delete(scope, id, Refresh.WAIT_FOR);
        cache.evict(scope, id);
        idMap.forget(scope, id, ids);
        return deleted;
    }

    /** A body of {@code POST /profiles/import} that is not a list of objects. */
    public static final class InvalidImport extends Exception {
        public InvalidImport(String message) {
            super(message);
        }
    }

    /**
     * Imports partial or complete profiles: every missing part is filled as in a fresh profile (a new id when
     * none is given, the times of now), then each is written as is. Refuses the whole body when it is not a list
     * of objects; a profile Elasticsearch refuses is reported in {@code errors} and the others are saved. The
     * index is refreshed before answering (the API tests read the profiles back at once).
     */
    public SavedResult importProfiles(TenantScope scope, JsonNode body) throws InvalidImport {
        List<ObjectNode> documents = importable(body);
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ObjectNode item : documents) {
            ObjectNode document = item.deepCopy();
            NOT_STORED.forEach(document::remove);
            String id = document.path("id").isTextual() ? PathIds.clean(document.path("id").textValue()).orElse(null) : null;
            if (document.hasNonNull("id") && id == null) {
                errors.add("Profile id " + abbreviate(document.path("id").toString()) + " is not a valid id");
                continue;
            }
            if (id == null) {
                id = UUID.randomUUID().toString();
            }
            document.put("id", id);
            JsonShapes.fillMissing(document, ProfileDocument.create(id, now).json());
            if (!document.path("metadata").path("time").isObject() || !document.path("ids").isArray()) {
                errors.add("Profile " + id + " not saved: metadata, metadata.time and ids must have the profile's shape");
                continue;
            }
            ObjectNode time = (ObjectNode) document.get("metadata").get("time");
            if (time.path("insert").isNull()) {
                time.set("insert", time.get("create").isNull() ? Times.toJson(now) : time.get("create"));
            }
            ProfileDocument profile = ProfileDocument.of(document);
            try {
                profiles.save(scope, profile.json(), Refresh.NONE);
                cache.evict(scope, id);
                ids.add(id);
            } catch (DocumentRejectedException | IllegalArgumentException e) {
                errors.add("Profile " + id + " not saved: " + e.getMessage());
            }
        }
        if (!ids.isEmpty()) {
            data.refresh(scope, IndexKind.PROFILE);
        }
        return new SavedResult(ids.size(), errors, ids);
    }

    public long count(TenantScope scope) {
        return data.count(scope, IndexKind.PROFILE, null);
    }

    public JsonNode refresh(TenantScope scope) {
        return data.refresh(scope, IndexKind.PROFILE);
    }

    public JsonNode flush(TenantScope scope) {
        return data.flush(scope, IndexKind.PROFILE);
    }

    static List<ObjectNode> importable(JsonNode body) throws InvalidImport {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidImport("Expected a list of profiles, got nothing");
        }
        List<ObjectNode> items = new ArrayList<>();
        if (body.isObject()) {
            items.add((ObjectNode) body);
            return items;
        }
        if (!body.isArray()) {
            throw new InvalidImport("Expected a list of profiles");
        }
        if (body.size() > MAX_IMPORT) {
            throw new InvalidImport("At most " + MAX_IMPORT + " profiles can be imported in one request");
        }
        int position = 0;
        for (JsonNode item : body) {
            if (!item.isObject()) {
                throw new InvalidImport("Item " + position + " is not a profile object");
            }
            items.add((ObjectNode) item);
            position++;
        }
        return items;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}

package org.opencdp.server.session.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionBindings;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.DocumentRejectedException;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.PartitionRegistry;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.SessionStore;

/** Reading, deleting, importing and counting sessions for the management API (private-api §3.8). */
public final class SessionService {

    static final int MAX_IMPORT = 10_000;
    private static final List<String> NOT_STORED = List.of("operation", "internal", "_meta");

    private final SessionStore sessions;
    private final SessionBindings bindings;
    private final ProfileStore profiles;
    private final PartitionRegistry partitions;
    private final DataIndex data;
    private final Duration onlineWindow;
    private final Clock clock;

    public SessionService(SessionStore sessions, SessionBindings bindings, ProfileStore profiles, PartitionRegistry partitions,
                          DataIndex data, Duration onlineWindow, Clock clock) {
        this.sessions = sessions;
        this.bindings = bindings;
        this.profiles = profiles;
        this.partitions = partitions;
        this.data = data;
        this.onlineWindow = onlineWindow;
        this.clock = clock;
    }

    /**
     * The session document as stored, without bookkeeping, read in real time: from the partition of its start
     * when it has a binding, else from every partition of the alias.
     */
    public Optional<ObjectNode> find(TenantScope scope, String id) {
        Optional<SessionBindings.Binding> binding = bindings.find(scope, id);
        Optional<ObjectNode> stored = binding.flatMap(b -> sessions.get(scope, id, b.start())).map(v -> v.document());
        if (stored.isEmpty()) {
            stored = data.findById(scope, IndexKind.SESSION, id).map(DataIndex.Hit::source);
        }
        return stored.map(SessionService::shown);
    }

    /**
     * Deletes the session document(s) with this id and its binding, so the next request with the id starts a
     * new visit. False when no document existed (a dangling binding is removed all the same).
     */
    public boolean delete(TenantScope scope, String id) {
        Optional<SessionBindings.Binding> binding = bindings.find(scope, id);
        int deleted = data.deleteById(scope, IndexKind.SESSION, id, Refresh.WAIT_FOR);
        if (binding.isPresent()) {
            String partition = partitions.indexFor(scope, IndexKind.SESSION, binding.get().start());
            if (data.deleteFrom(partition, id, Refresh.WAIT_FOR)) {
                deleted++;
            }
            bindings.remove(scope, id);
        }
        return deleted > 0;
    }

    /** A body of {@code POST /sessions/import} that is not a list of objects. */
    public static final class InvalidImport extends Exception {
        public InvalidImport(String message) {
            super(message);
        }
    }

    /**
     * Imports sessions: missing parts are filled with the default shape (a new id when none is given, now as
     * the start when there is none), each is written to the partition of its start — after removing a copy of
     * the same id from another partition — and bound to its profile, so tracking continues the imported visit.
     */
    public SavedResult importSessions(TenantScope scope, JsonNode body) throws InvalidImport {
        List<ObjectNode> items = items(body);
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ObjectNode item : items) {
            ObjectNode document = item.deepCopy();
            NOT_STORED.forEach(document::remove);
            JsonNode sentId = document.get("id");
            String id = sentId != null && sentId.isTextual() ? PathIds.clean(sentId.textValue()).orElse(null) : null;
            if (sentId != null && !sentId.isNull() && id == null) {
                errors.add("Session id " + abbreviate(sentId.toString()) + " is not a valid id");
                continue;
            }
            id = id == null ? UUID.randomUUID().toString() : id;
            document.put("id", id);
            if (!objectOrAbsent(document, "metadata") || !objectOrAbsent(document.path("metadata"), "time")) {
                errors.add("Session " + id + " not saved: metadata and metadata.time must be objects");
                continue;
            }
            ObjectNode time = document.withObject("/metadata/time");
            Instant start = Times.parse(time.path("insert")).orElse(null);
            if (start == null) {
                if (time.hasNonNull("insert")) {
                    errors.add("Session " + id + " not saved: metadata.time.insert is not a time");
                    continue;
                }
                start = now;
                time.set("insert", Times.toJson(now));
            }
            SessionDocument session = SessionDocument.of(document);
            try {
                String target = partitions.indexFor(scope, IndexKind.SESSION, start);
                for (DataIndex.Hit copy : data.findAllById(scope, IndexKind.SESSION, id)) {
                    if (!copy.index().equals(target)) {
                        data.deleteFrom(copy.index(), id, Refresh.NONE);
                    }
                }
                sessions.save(scope, session.json(), start);
            } catch (DocumentRejectedException | IllegalArgumentException e) {
                errors.add("Session " + id + " not saved: " + e.getMessage());
                continue;
            }
            String profileId = session.profileId();
            if (profileId == null || profileId.isBlank()) {
                bindings.remove(scope, id);
            } else {
                bindings.replace(scope, id, new SessionBindings.Binding(profileId, start));
            }
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            data.refresh(scope, IndexKind.SESSION);
        }
        return new SavedResult(ids.size(), errors, ids);
    }

    /**
     * The n-th latest session (0 = the latest) of a profile, matching every id the profile holds (merged ids
     * included, processing §10.5), or empty.
     */
    public Optional<ObjectNode> nthOfProfile(TenantScope scope, String profileId, int n) {
        List<String> ids = profileIds(scope, profileId);
        ObjectNode body = data.json().createObjectNode();
        body.put("from", n);
        body.put("size", 1);
        ArrayNode values = body.putObject("query").putObject("terms").putArray("profile.id");
        ids.forEach(values::add);
        body.putArray("sort").addObject().putObject("metadata.time.insert").put("order", "desc");
        return data.search(scope, IndexKind.SESSION, body).hits().stream().findFirst().map(hit -> shown(hit.source()));
    }

    public long count(TenantScope scope) {
        return data.count(scope, IndexKind.SESSION, null);
    }

    /** Sessions with activity within the binding lifetime ({@code cache.sessionTtl}) that have not ended. */
    public long countOnline(TenantScope scope) {
        ObjectNode query = data.json().createObjectNode();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("filter").addObject().putObject("range").putObject("metadata.time.update")
                .put("gte", Times.format(clock.instant().minus(onlineWindow)));
        bool.putArray("must_not").addObject().putObject("term").put("metadata.status", "ended");
        return data.count(scope, IndexKind.SESSION, query);
    }

    public JsonNode refresh(TenantScope scope) {
        return data.refresh(scope, IndexKind.SESSION);
    }

    public JsonNode flush(TenantScope scope) {
        return data.flush(scope, IndexKind.SESSION);
    }

    private List<String> profileIds(TenantScope scope, String profileId) {
        List<String> ids = new ArrayList<>(List.of(profileId));
        profiles.findByAnyId(scope, profileId).ifPresent(found -> {
            for (String id : ProfileDocument.of(found.document().deepCopy()).ids()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }

    private static ObjectNode shown(ObjectNode stored) {
        ObjectNode copy = stored.deepCopy();
        copy.remove("internal");
        return copy;
    }

    private static List<ObjectNode> items(JsonNode body) throws InvalidImport {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidImport("Expected a list of sessions, got nothing");
        }
        if (body.isObject()) {
            return List.of((ObjectNode) body);
        }
        if (!body.isArray()) {
            throw new InvalidImport("Expected a list of sessions");
        }
        if (body.size() > MAX_IMPORT) {
            throw new InvalidImport("At most " + MAX_IMPORT + " sessions can be imported in one request");
        }
        List<ObjectNode> items = new ArrayList<>();
        for (int position = 0; position < body.size(); position++) {
            if (!body.get(position).isObject()) {
                throw new InvalidImport("Item " + position + " is not a session object");
            }
            items.add((ObjectNode) body.get(position));
        }
        return items;
    }

    private static boolean objectOrAbsent(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() || value.isObject();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}

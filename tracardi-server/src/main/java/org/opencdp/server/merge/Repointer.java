package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.opencdp.server.profile.ProfileRef;
import org.opencdp.server.session.SessionBindings;
import org.opencdp.server.session.SessionBindings.Binding;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DocumentSweep;
import org.opencdp.server.storage.elastic.IndexKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events and sessions between the profiles of a merge (processing §10.5 step 6, §10.6 step 4). Forward,
 * every event and session of a merged-away profile gets the survivor's reference and remembers
 * {@code {merge_id, from}} in {@code internal.repointed}; back, exactly the documents that remember this merge
 * return to the profile they came from. The Redis binding of a moved session follows it. Both directions are
 * idempotent: a document already moved does not match again.
 */
final class Repointer {

    /** How many documents one bulk request rewrites. */
    static final int PAGE = 500;
    /** Sweeps tried while concurrent writers make some conditional writes fail. */
    private static final int MAX_SWEEPS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Repointer.class);

    /** How many events and sessions were moved. */
    record Moved(long events, long sessions) {
    }

    private final DocumentSweep sweep;
    private final SessionBindings bindings;

    Repointer(DocumentSweep sweep, SessionBindings bindings) {
        this.sweep = sweep;
        this.bindings = bindings;
    }

    /** Points the merged-away profiles' events and sessions to the survivor. */
    Moved forward(TenantScope scope, String mergeId, ProfileRef survivor, Collection<String> mergedIds) {
        ObjectNode query = JsonNodeFactory.instance.objectNode();
        ArrayNode ids = query.putObject("terms").putArray("profile.id");
        mergedIds.forEach(ids::add);
        long events = sweepAll(scope, IndexKind.EVENT, query, document -> {
            String from = document.path("profile").path("id").asText();
            document.set("profile", survivor.toJson());
            trail(document).addObject().put("merge_id", mergeId).put("from", from);
            return document;
        }, moved -> { });
        long sessions = sweepAll(scope, IndexKind.SESSION, query, document -> {
            String from = document.path("profile").path("id").asText();
            document.set("profile", survivor.toJson());
            trail(document).addObject().put("merge_id", mergeId).put("from", from);
            return document;
        }, moved -> rebind(scope, moved.path("id").asText(), mergedIds, survivor.id()));
        return new Moved(events, sessions);
    }

    /**
     * Returns the documents this merge moved to {@code survivorId} to the profile each came from.
     *
     * @param restored the restored profiles' references by id (their primary ids go back into the documents)
     */
    Moved back(TenantScope scope, String mergeId, String survivorId, Map<String, ProfileRef> restored) {
        ObjectNode query = JsonNodeFactory.instance.objectNode();
        query.putObject("term").put("profile.id", survivorId);
        long events = sweepAll(scope, IndexKind.EVENT, query, document -> undo(document, mergeId, restored), moved -> { });
        long sessions = sweepAll(scope, IndexKind.SESSION, query, document -> undo(document, mergeId, restored),
                moved -> rebind(scope, moved.path("id").asText(), java.util.List.of(survivorId),
                        moved.path("profile").path("id").asText()));
        return new Moved(events, sessions);
    }

    /** The document pointed back, or null when this merge did not move it. */
    private static ObjectNode undo(ObjectNode document, String mergeId, Map<String, ProfileRef> restored) {
        ArrayNode trail = trail(document);
        for (int i = trail.size() - 1; i >= 0; i--) {
            JsonNode step = trail.get(i);
            ProfileRef origin = restored.get(step.path("from").asText());
            if (mergeId.equals(step.path("merge_id").asText()) && origin != null) {
                trail.remove(i);
                document.set("profile", origin.toJson());
                return document;
            }
        }
        return null;
    }

    private long sweepAll(TenantScope scope, IndexKind kind, ObjectNode query,
                          java.util.function.UnaryOperator<ObjectNode> change, java.util.function.Consumer<ObjectNode> moved) {
        AtomicLong total = new AtomicLong();
        for (int sweepNo = 1; sweepNo <= MAX_SWEEPS; sweepNo++) {
            DocumentSweep.Result result = sweep.rewrite(scope, kind, query, PAGE, change, document -> {
                total.incrementAndGet();
                moved.accept(document);
            });
            if (result.conflicts() == 0) {
                return total.get();
            }
            LOG.info("re-pointing {} in {}: {} documents changed meanwhile, sweeping again", kind.label(), scope,
                    result.conflicts());
        }
        throw new IllegalStateException("re-pointing " + kind.label() + " in " + scope + " still meets concurrent writes after "
                + MAX_SWEEPS + " sweeps; it is resumed later");
    }

    /** Re-binds a moved session whose binding still names one of {@code from}. */
    private void rebind(TenantScope scope, String sessionId, Collection<String> from, String to) {
        Optional<Binding> binding = bindings.find(scope, sessionId);
        if (binding.isPresent() && from.contains(binding.get().profileId())) {
            bindings.rebind(scope, sessionId, new Binding(to, binding.get().start()));
        }
    }

    /** The document's {@code internal.repointed} list, created when missing. */
    private static ArrayNode trail(ObjectNode document) {
        ObjectNode internal = ProfileMerger.object(document, "internal");
        JsonNode trail = internal.get("repointed");
        return trail != null && trail.isArray() ? (ArrayNode) trail : internal.putArray("repointed");
    }
}

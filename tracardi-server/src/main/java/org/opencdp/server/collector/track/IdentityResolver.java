package org.opencdp.server.collector.track;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.session.SessionBindings;
import org.opencdp.server.session.SessionBindings.Binding;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.SessionStore;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.worker.SessionMarks;

/**
 * Step F6: decides which session and profile a batch belongs to (processing §5.1). The session's profile
 * beats the sent id, a sent id is used only when that profile exists (a forged or unknown id is never
 * adopted), and a new session is bound atomically so concurrent first requests agree on one profile.
 *
 * <p>A known session costs one Redis round trip: its binding, followed through the id map of merges, is trusted
 * unless the profile carries a deletion mark ({@link org.opencdp.server.profile.ProfileIdMap#markDeleted}); only
 * then, and for sessions Redis does not know, is Elasticsearch asked.
 */
public final class IdentityResolver {

    /** The decision, carried in the batch record. */
    public record Identity(String sessionId, boolean sessionKnown, Instant sessionStart, String profileId,
                           boolean profileKnown, boolean rebind) {

        /** Neither session nor profile: a session-less, profile-less webhook call (collector-api §5). */
        public static Identity none(Instant now) {
            return new Identity(null, false, now, null, false, false);
        }
    }

    /** A hashed merging-key id (processing §9): found through {@code ids} by design, not because of a merge. */
    private static final java.util.regex.Pattern HASHED_ID =
            java.util.regex.Pattern.compile("[a-z]{3}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SessionBindings bindings;
    private final ProfileStore profiles;
    private final SessionStore sessions;
    private final CompletionRecords completions;

    public IdentityResolver(SessionBindings bindings, ProfileStore profiles, SessionStore sessions,
                            CompletionRecords completions) {
        this.bindings = bindings;
        this.profiles = profiles;
        this.sessions = sessions;
        this.completions = completions;
    }

    public Identity resolve(TenantScope scope, String sentSessionId, String sentProfileId, boolean profileLess, Instant now) {
        String sessionId = sentSessionId != null ? sentSessionId : UUID.randomUUID().toString();
        if (profileLess) {
            return new Identity(sessionId, sentSessionId != null && bindings.find(scope, sessionId).isPresent(), now,
                    null, false, false);
        }
        Optional<SessionBindings.Resolved> resolved = sentSessionId == null ? Optional.empty()
                : bindings.findResolved(scope, sessionId);
        Optional<Binding> binding = resolved.map(SessionBindings.Resolved::binding);
        if (resolved.isPresent() && !resolved.get().deleted()) {
            // Trusted without asking Elasticsearch: a binding names a profile that exists or is being created by the
            // batch that bound it, followed through the merges' id map; deletions leave a mark that sends the
            // request down the path below. This is what keeps a known session's request off Elasticsearch.
            String current = resolved.get().currentProfileId();
            boolean rebind = !current.equals(binding.get().profileId());
            if (rebind) {
                bindings.rebind(scope, sessionId, new Binding(current, binding.get().start()));
            }
            return new Identity(sessionId, true, binding.get().start(), current, true, rebind);
        }
        if (binding.isPresent()) {
            Optional<String> bound = existing(scope, binding.get().profileId());
            if (bound.isPresent()) {
                boolean rebind = !bound.get().equals(binding.get().profileId());
                if (rebind) {
                    bindings.rebind(scope, sessionId, new Binding(bound.get(), binding.get().start()));
                }
                return new Identity(sessionId, true, binding.get().start(), bound.get(), true, rebind);
            }
            if (beingCreated(scope, sessionId, binding.get())) {
                // Not stored yet, not deleted: the batch that bound the session is still queued or being
                // processed (worker lag, a crash, an outage). Keep it, so every batch of the session lands on one
                // profile; the worker creates the profile if it still does not exist (profile_known = false).
                return new Identity(sessionId, true, binding.get().start(), binding.get().profileId(), false, false);
            }
            // Bound to a profile that no longer exists (#4): the sent one if it exists, else a new one.
            Optional<String> sent = existing(scope, sentProfileId);
            String profileId = sent.orElseGet(() -> UUID.randomUUID().toString());
            bindings.rebind(scope, sessionId, new Binding(profileId, binding.get().start()));
            return new Identity(sessionId, true, binding.get().start(), profileId, sent.isPresent(), true);
        }
        Optional<Instant> storedStart = sentSessionId == null ? Optional.empty() : sessions.storedStart(scope, sessionId);
        Optional<String> sent = existing(scope, sentProfileId);
        String proposed = sent.orElseGet(() -> UUID.randomUUID().toString());
        Instant start = storedStart.orElse(now);
        Binding winner = bindings.bindIfAbsent(scope, sessionId, new Binding(proposed, start));
        boolean won = winner.profileId().equals(proposed);
        boolean profileKnown = won ? sent.isPresent() : existing(scope, winner.profileId()).isPresent();
        // A stored but unbound session (#5) is known; binding it counts as a re-bind (a new visit).
        boolean sessionKnown = storedStart.isPresent() || !won;
        return new Identity(sessionId, sessionKnown, winner.start(), winner.profileId(), profileKnown,
                storedStart.isPresent() && won);
    }

    /**
     * Static-profile mode (processing §5.1 #2, §5.2): the profile is {@code resolve(staticId)}, or a new one with
     * that very id; the session (a new random one when none was sent) is bound, or re-bound, to it, since static
     * mode beats the session. A merged-away id gives the survivor and a warning (D36);
     * a hashed id (webhook {@code generate_profile}) gives the profile that lists it, without a warning.
     */
    public Identity resolveStatic(TenantScope scope, String sentSessionId, String staticId, Instant now, List<String> warnings) {
        Optional<String> found = existing(scope, staticId);
        String profileId = found.orElse(staticId);
        if (found.isPresent() && !found.get().equals(staticId) && !HASHED_ID.matcher(staticId).matches()) {
            warnings.add("Profile " + staticId + " was merged into " + found.get() + "; the surviving profile is used.");
        }
        String sessionId = sentSessionId != null ? sentSessionId : UUID.randomUUID().toString();
        Optional<Binding> binding = sentSessionId == null ? Optional.empty() : bindings.find(scope, sessionId);
        if (binding.isPresent()) {
            boolean rebind = !binding.get().profileId().equals(profileId);
            if (rebind) {
                bindings.rebind(scope, sessionId, new Binding(profileId, binding.get().start()));
            }
            return new Identity(sessionId, true, binding.get().start(), profileId, found.isPresent(), rebind);
        }
        Optional<Instant> storedStart = sentSessionId == null ? Optional.empty() : sessions.storedStart(scope, sessionId);
        Instant start = storedStart.orElse(now);
        Binding winner = bindings.bindIfAbsent(scope, sessionId, new Binding(profileId, start));
        boolean won = winner.profileId().equals(profileId);
        if (!won) {
            bindings.rebind(scope, sessionId, new Binding(profileId, winner.start()));
        }
        boolean known = storedStart.isPresent() || !won;
        return new Identity(sessionId, known, winner.start(), profileId, found.isPresent(), known);
    }

    /**
     * Whether the session's missing profile is still to be created rather than deleted: no batch of the session
     * has been stored yet (no session document), or the batch that bound the session to this profile
     * ({@code internal.visit_batch}, written with the session before the profile) has not completed.
     */
    private boolean beingCreated(TenantScope scope, String sessionId, Binding binding) {
        Optional<Versioned<ObjectNode>> stored = sessions.get(scope, sessionId, binding.start());
        if (stored.isEmpty()) {
            return true;
        }
        ObjectNode session = stored.get().document();
        String visitBatch = SessionMarks.visitBatch(session);
        return visitBatch != null && binding.profileId().equals(session.path("profile").path("id").asText(null))
                && completions.find(scope, visitBatch).isEmpty();
    }

    /** The current id of a profile, if it exists (by its own id, else as a merged id in {@code ids}). */
    private Optional<String> existing(TenantScope scope, String profileId) {
        if (profileId == null || profileId.isBlank()) {
            return Optional.empty();
        }
        return profiles.currentId(scope, profileId);
    }
}

package org.opencdp.server.session;

import java.time.Instant;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;

/**
 * Which profile a session belongs to (processing §4.2): {@code {prefix}:session:{id}} holding
 * {@code {"profile_id", "start"}} with a sliding TTL. A new session is bound atomically, so two concurrent
 * first requests of one browser agree on one profile.
 */
public interface SessionBindings {

    /** A session's profile and start time (the start decides the session's index partition). */
    record Binding(String profileId, Instant start) {
    }

    /** Binds a new session unless it is bound already; returns the binding that won (ours or the earlier one). */
    Binding bindIfAbsent(TenantScope scope, String sessionId, Binding proposed);

    Optional<Binding> find(TenantScope scope, String sessionId);

    /**
     * A binding with what is known of its profile without asking Elasticsearch: the id it resolves to through the id
     * map of merges ({@code profileId} itself when it was not merged), and whether that id was marked as deleted.
     */
    record Resolved(Binding binding, String currentProfileId, boolean deleted) {
    }

    /** {@link #find} with the bound profile followed through the id map and checked for a deletion mark, at once. */
    Optional<Resolved> findResolved(TenantScope scope, String sessionId);

    /** Re-binds a session to another profile (merges, deleted profiles), keeping its start. */
    void rebind(TenantScope scope, String sessionId, Binding binding);

    /** Sets the binding whatever is stored, start included (imported sessions). */
    void replace(TenantScope scope, String sessionId, Binding binding);

    /** Removes the binding (the session was deleted); a later request with its id starts a new session. */
    void remove(TenantScope scope, String sessionId);

    /** Extends the binding's lifetime after a batch of the session. */
    void touch(TenantScope scope, String sessionId);
}

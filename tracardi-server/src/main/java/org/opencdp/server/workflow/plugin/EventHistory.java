package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;

/** Reads stored events for Get previous event (workflows §8). */
@FunctionalInterface
public interface EventHistory {

    /**
     * The {@code n}-th stored event of the type counting back from the current one ({@code n >= 1}; 1 = the latest
     * stored event other than {@code currentEventId}), of the profile when {@code profileId} is not null, of any
     * profile otherwise. Events become searchable after the event index refreshes (a few seconds).
     */
    Optional<ObjectNode> nthLast(TenantScope scope, String profileId, String eventType, int n, String currentEventId)
            throws Exception;

    static EventHistory unavailable() {
        return (scope, profileId, eventType, n, currentEventId) -> {
            throw new IllegalStateException("Event search is not available on this server.");
        };
    }
}

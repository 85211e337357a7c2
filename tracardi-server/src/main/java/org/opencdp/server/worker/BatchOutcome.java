package org.opencdp.server.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The completion record of a batch (processing §2.3): what the collector needs to answer {@code /track}.
 * {@code saved} holds the 0/1 flags of collector-api §3.6.
 */
public record BatchOutcome(
        @JsonProperty("profile_id") String profileId,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("ux") ArrayNode ux,
        @JsonProperty("response") ObjectNode response,
        @JsonProperty("event_ids") List<String> eventIds,
        @JsonProperty("saved") Saved saved,
        @JsonProperty("errors") List<String> errors,
        @JsonProperty("warnings") List<String> warnings) {

    /** Whether the batch created or changed the profile, created or re-bound the session, stored events. */
    public record Saved(@JsonProperty("profile") int profile, @JsonProperty("session") int session,
                        @JsonProperty("event") int event) {
    }
}

package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.elastic.Versioned;

/**
 * What a merge request came to.
 *
 * @param mergeId   the journal entry, empty when nothing merged
 * @param survivor  the profile to continue with: the stored survivor after a merge (with the version a further
 *                  conditional write needs), else the anchor as given
 * @param mergedIds the profiles merged away (now deleted, their ids resolving to the survivor)
 * @param excluded  candidates the guard left out, with why
 * @param refusal   why the guard refused the whole merge
 */
public record MergeOutcome(Optional<String> mergeId, Participant survivor, List<String> mergedIds,
                           Map<String, String> excluded, Optional<String> refusal) {

    /** A profile taking part in a merge: its (possibly changed, not yet saved) document and what is stored. */
    public record Participant(ProfileDocument profile, Versioned<ObjectNode> stored) {

        public String id() {
            return profile.id();
        }

        public static Participant of(Versioned<ObjectNode> stored) {
            return new Participant(ProfileDocument.of(stored.document()), stored);
        }
    }

    public boolean merged() {
        return mergeId.isPresent();
    }

    static MergeOutcome unchanged(Participant anchor, Map<String, String> excluded, Optional<String> refusal) {
        return new MergeOutcome(Optional.empty(), anchor, List.of(), excluded, refusal);
    }
}

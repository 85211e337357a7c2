package org.opencdp.server.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.completion.BatchRef;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.profile.ScopedProfileId;
import org.opencdp.server.storage.TenantScope;

/**
 * What a group's batches need from Redis before they join chains ({@link BatchGroupProcessor}): whether each was
 * completed already, and the profile it works on. Each kind is read for the whole group in one round trip instead of
 * one per batch.
 */
final class GroupLookups {

    private final Set<Integer> done = new HashSet<>();
    private final Map<Integer, String> profileIds = new HashMap<>();

    private GroupLookups() {
    }

    /**
     * Looks up the batches that may share the group (those with a scope and no workflow to run).
     *
     * @param scopes each batch's scope, null for a batch that failed already
     */
    static GroupLookups lookUp(List<BatchRecord> batches, TenantScope[] scopes, BatchFlows flows,
                               CompletionRecords completions, BatchProcessor processor) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < scopes.length; i++) {
            if (scopes[i] != null && !flows.mayRunWorkflows(scopes[i])) {
                candidates.add(i);
            }
        }
        GroupLookups found = new GroupLookups();
        List<Optional<String>> records = completions.findAll(candidates.stream()
                .map(i -> new BatchRef(scopes[i], batches.get(i).batchId())).toList());
        List<Integer> withProfile = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            int i = candidates.get(c);
            if (records.get(c).isPresent()) {
                found.done.add(i);
            } else if (!batches.get(i).profileLess()) {
                withProfile.add(i);
            }
        }
        List<String> current = processor.currentAll(withProfile.stream()
                .map(i -> new ScopedProfileId(scopes[i], batches.get(i).resolution().profileId())).toList());
        for (int c = 0; c < withProfile.size(); c++) {
            found.profileIds.put(withProfile.get(c), current.get(c));
        }
        return found;
    }

    /** A re-delivery whose completion record exists: nothing is left to do. */
    boolean done(int index) {
        return done.contains(index);
    }

    /** The profile the batch works on (a merge survivor, if its profile was merged); null when profile-less. */
    String profileId(int index) {
        return profileIds.get(index);
    }
}

package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.lock.ProfileLocks.Lease;
import org.opencdp.server.merge.MergeOutcome.Participant;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges duplicate profiles (processing §10): finds the candidates, locks every participant (in ascending id
 * order, processing §4.1), applies the merge guard to what is stored once the locks are held, picks the survivor
 * and hands the merge to {@link MergeApplication}. A guarded merge never repeats a merge that was reverted.
 *
 * <p>The worker calls {@link #mergeByKeys} (step P14) and {@link #mergeInto} (identification points, P4) while it
 * holds the lock of the batch's profile; those methods lock only the other participants and take the batch's
 * profile as the worker has it in memory, unsaved changes included.
 */
public final class MergeService {

    private static final Logger LOG = LoggerFactory.getLogger(MergeService.class);

    private final ProfileFinder finder;
    private final MergeJournalDao journal;
    private final ProfileLocks locks;
    private final MergeGuard guard;
    private final HashedIds hashes;
    private final MergeApplication application;

    /** @param hashes the hashing of merging keys, or null when {@code identity.hashedIds} is off */
    MergeService(ProfileFinder finder, MergeJournalDao journal, ProfileLocks locks, MergeGuard guard, HashedIds hashes,
                 MergeApplication application) {
        this.finder = finder;
        this.journal = journal;
        this.locks = locks;
        this.guard = guard;
        this.hashes = hashes;
        this.application = application;
    }

    /**
     * The Merge profiles action (P14, reason {@code workflow}) or any merge by keys: merges {@code profile} with
     * every profile whose values for all {@code keys} equal its own (e.g. {@code ["profile@data.contact.email.main"]}).
     * The caller holds the lock of {@code profile}.
     *
     * @param profile the batch's profile, as the worker holds it (unsaved changes included)
     * @param stored  what {@code profile} was loaded from (its version), or null when it is not stored yet
     * @param ruleRef the rule whose workflow asked ({@code {id, name}}), or null
     * @return the survivor to continue with: stored, with the version for the worker's own later write
     * @throws TransientQueueException when a participant's lock is not free within the budget, or a participant
     *                                 changed meanwhile; retry the batch later
     */
    public MergeOutcome mergeByKeys(TenantScope scope, ProfileDocument profile, Versioned<ObjectNode> stored,
                                    List<String> keys, MergeReason reason, JsonNode ruleRef) throws TransientQueueException {
        List<String> candidates = finder.byKeys(scope, profile, keys, hashes, guard, guard.maxCandidates() + 1).stream()
                .map(Versioned::id).toList();
        return mergeInto(scope, profile, stored, candidates, reason, ruleRef);
    }

    /**
     * Merges {@code profile} (whose lock the caller holds) with the candidate profiles; see
     * {@link #mergeByKeys} for the parameters.
     */
    public MergeOutcome mergeInto(TenantScope scope, ProfileDocument profile, Versioned<ObjectNode> stored,
                                  List<String> candidateIds, MergeReason reason, JsonNode ruleRef) throws TransientQueueException {
        Participant anchor = new Participant(profile, stored);
        return run(scope, anchor, candidateIds, reason, ruleRef, true);
    }

    /**
     * Merges stored profiles (the APM pass, {@code POST /profile/merge}); the first id is the anchor the guard
     * compares the others with. Locks every participant. When the anchor does not exist (any more), nothing merges
     * and the outcome has no survivor.
     */
    public MergeOutcome merge(TenantScope scope, MergeReason reason, List<String> profileIds, JsonNode ruleRef)
            throws TransientQueueException {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(profileIds));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a merge needs profile ids");
        }
        List<Lease> held = ids.size() > 1 ? locks.acquireAll(scope, ids) : List.of();
        try {
            Optional<Versioned<ObjectNode>> anchor = finder.get(scope, ids.get(0));
            if (anchor.isEmpty()) {
                return MergeOutcome.unchanged(null, Map.of(), Optional.of("profile " + ids.get(0) + " does not exist"));
            }
            return run(scope, Participant.of(anchor.get()), ids.subList(1, ids.size()), reason, ruleRef, false);
        } finally {
            held.forEach(Lease::close);
        }
    }

    /** Finishes a merge a crash left half done (processing §10.5 step 8); does nothing for a finished one. */
    public void resume(TenantScope scope, String mergeId) throws TransientQueueException {
        Optional<MergeJournalDao.Stored> stored = journal.find(scope, mergeId);
        if (stored.isEmpty() || !stored.get().entry().status().unfinished()) {
            return;
        }
        List<Lease> held = locks.acquireAll(scope, stored.get().entry().participants());
        try {
            // Read again under the locks: another node may have finished it meanwhile.
            Optional<MergeJournalDao.Stored> current = journal.find(scope, mergeId);
            if (current.isPresent() && current.get().entry().status().unfinished()) {
                application.resume(scope, current.get());
            }
        } finally {
            held.forEach(Lease::close);
        }
    }

    /** Test hook: stop a merge between two steps. */
    void checkpoints(Checkpoints checkpoints) {
        application.checkpoints(checkpoints);
    }

    private MergeOutcome run(TenantScope scope, Participant anchor, List<String> candidateIds, MergeReason reason,
                             JsonNode ruleRef, boolean lockCandidates) throws TransientQueueException {
        Set<String> others = new LinkedHashSet<>(candidateIds);
        others.remove(anchor.id());
        if (others.isEmpty()) {
            return MergeOutcome.unchanged(anchor, Map.of(), Optional.empty());
        }
        if (others.size() > guard.maxCandidates()) {
            String refusal = "suspicious identity cluster: " + others.size() + " candidates for profile " + anchor.id()
                    + " (at most " + guard.maxCandidates() + " merge)";
            LOG.error("merge ({}) refused: {}", reason, refusal);
            return MergeOutcome.unchanged(anchor, Map.of(), Optional.of(refusal));
        }
        List<Lease> held = lockCandidates ? locks.acquireAll(scope, others) : List.of();
        try {
            List<ProfileDocument> candidates = new ArrayList<>();
            Map<String, Versioned<ObjectNode>> storedById = new LinkedHashMap<>();
            for (String id : others) {
                finder.get(scope, id).ifPresent(found -> {
                    storedById.put(id, found);
                    candidates.add(ProfileDocument.of(found.document()));
                });
            }
            MergeGuard.Decision decision = guard.check(anchor.profile(), candidates, reason);
            Map<String, String> excluded = new LinkedHashMap<>(decision.excluded());
            List<ProfileDocument> kept = new ArrayList<>(decision.candidates());
            if (reason.guarded()) {
                Set<String> undone = journal.revertedWith(scope, anchor.id());
                kept.removeIf(candidate -> {
                    if (undone.contains(candidate.id())) {
                        excluded.put(candidate.id(), "a merge with " + anchor.id() + " was reverted");
                        return true;
                    }
                    return false;
                });
            }
            excluded.forEach((id, why) -> LOG.info("merge ({}) of profile {}: candidate {} excluded, {}", reason,
                    anchor.id(), id, why));
            decision.refusal().ifPresent(refusal -> LOG.error("merge ({}) refused: {}", reason, refusal));
            if (decision.refusal().isPresent() || kept.isEmpty()) {
                return MergeOutcome.unchanged(anchor, excluded, decision.refusal());
            }
            List<Participant> participants = new ArrayList<>();
            participants.add(anchor);
            kept.forEach(candidate -> participants.add(new Participant(candidate, storedById.get(candidate.id()))));
            List<Participant> ordered = survivorFirst(participants);
            MergeApplication.Applied applied = application.apply(scope, ordered, reason, ruleRef);
            List<String> mergedIds = ordered.subList(1, ordered.size()).stream().map(Participant::id).toList();
            return new MergeOutcome(Optional.of(applied.mergeId()), applied.survivor(), mergedIds, excluded, Optional.empty());
        } finally {
            held.forEach(Lease::close);
        }
    }

    private static List<Participant> survivorFirst(List<Participant> participants) {
        List<ProfileDocument> profiles = participants.stream().map(Participant::profile).toList();
        ProfileDocument survivor = SurvivorChoice.choose(profiles);
        List<Participant> ordered = new ArrayList<>();
        for (ProfileDocument profile : SurvivorChoice.survivorFirst(survivor, profiles)) {
            ordered.add(participants.stream().filter(p -> p.profile() == profile).findFirst().orElseThrow());
        }
        return ordered;
    }
}
